"""`mapping.plan`: what the importer writes for a WordPress post, decided without a database.

No test here is marked `django_db`, so any query made while planning fails it.
"""

from datetime import UTC, datetime

import pytest

from importers.wordpress import wxr
from importers.wordpress.mapping import plan, thumbnail_id


def story(**fields) -> wxr.Item:
    defaults = {
        "line": 40,
        "post_id": 7,
        "title": "Harbour <em>reopens</em>",
        "link": "https://gazette.example/2013/03/harbour-reopens/",
        "guid": "https://gazette.example/?p=7",
        "creator": "mara",
        "content": "First paragraph.\n\nSecond one.",
        "excerpt": "<p>The ferries are back &amp; running.</p>",
        "post_date_gmt": "2013-03-04 09:30:00",
        "post_name": "harbour-reopens",
        "status": "publish",
        "categories": [
            ("category", "local", "Local &amp; Regional"),
            ("post_tag", "ferries", "Ferries"),
            ("category", "news", "News"),
        ],
        "meta": [("_wp_old_slug", "harbour-to-reopen")],
    }
    return wxr.Item(**(defaults | fields))


def test_a_published_post_is_planned_with_its_text_date_and_names():
    planned = plan(story())
    assert planned.headline == "Harbour reopens"
    assert planned.slug_base == "harbour-reopens"
    assert planned.standfirst == "The ferries are back & running."
    assert planned.body == "<p>First paragraph.</p>\n<p>Second one.</p>"
    assert planned.status == "published"
    assert planned.published_at == datetime(2013, 3, 4, 9, 30, tzinfo=UTC)
    assert planned.categories[0] == ("local", "Local &amp; Regional")  # the section's, as named
    assert planned.author_login == "mara"
    assert planned.tags == (("ferries", "Ferries"),)  # categories are not tags
    assert planned.old_paths == ("/2013/03/harbour-reopens/", "/2013/03/harbour-to-reopen/")
    assert planned.guid == "https://gazette.example/?p=7"
    assert planned.original_url == "https://gazette.example/2013/03/harbour-reopens/"
    assert (planned.wp_status, planned.import_note, planned.sticky) == ("publish", "", False)
    assert planned.warnings == ()


def test_a_post_without_category_is_left_to_the_default_section():
    assert plan(story(categories=[])).categories == ()


def test_a_very_old_export_names_its_category_bare():
    assert plan(story(categories=[("", "", "Sport")])).categories == (("sport", "Sport"),)


def test_a_private_post_is_planned_as_a_draft_with_the_reason_for_editors():
    planned = plan(story(status="private"))
    assert (planned.status, planned.published_at) == ("draft", None)
    assert planned.import_note == "Private in WordPress: kept as a draft."
    assert planned.wp_status == "private"


def test_warnings_name_the_post_and_come_in_the_order_they_arise():
    planned = plan(story(title="", content='Storm hits.\n\n[ad slot="top" /]', status="odd"))
    assert planned.warnings == (
        f"post 7 (line 40) has no title; headline set to {planned.headline!r}",
        "post 7 (line 40): unknown shortcode [ad] removed (enclosed text kept)"
        f" (in “{planned.headline}”)",
        "post 7 (line 40): unknown status 'odd'; kept as a draft",
    )


def test_a_note_repeated_in_the_content_is_warned_once():
    planned = plan(story(content="[ad /] one [ad /] two"))
    assert len(planned.warnings) == 1


def test_fields_kept_on_the_source_row_are_cut_to_their_column_length():
    long_url = "https://gazette.example/" + "a" * 600
    planned = plan(story(guid=long_url, link=long_url, status="s" * 30))
    assert len(planned.guid) == len(planned.original_url) == 500
    assert len(planned.wp_status) == 20


def test_a_post_without_a_slug_gets_one_from_its_headline():
    assert plan(story(post_name="", title="Tide & Time")).slug_base == "tide-time"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ([("_thumbnail_id", "12")], 12),
        ([("_thumbnail_id", " 12 ")], 12),
        ([("_thumbnail_id", "0")], None),
        ([("_thumbnail_id", "")], None),
        ([("_thumbnail_id", "none")], None),
        ([], None),
    ],
)
def test_the_featured_image_is_the_thumbnail_attachment(meta, expected):
    assert thumbnail_id(story(meta=meta)) == expected
