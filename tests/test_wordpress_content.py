"""WordPress content conversion, the WXR reader and the mapping rules, without a database."""

from pathlib import Path

import pytest

from importers.wordpress import wxr
from importers.wordpress.content import autop, convert, plain_text
from importers.wordpress.mapping import headline_for, old_paths, status_for, tags_of
from importers.wordpress.media import find_upload

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"


def test_autop_makes_paragraphs_from_blank_lines_and_breaks_from_single_newlines():
    assert autop("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"


def test_autop_leaves_block_elements_alone_and_wraps_text_inside_blockquotes():
    html = autop("<ul>\n<li>a</li>\n</ul>\n\n<blockquote>Quote one\n\nQuote two</blockquote>")
    assert "<ul>\n<li>a</li>\n</ul>" in html
    assert "<blockquote><p>Quote one</p>\n<p>Quote two</p></blockquote>" in html


def test_preformatted_text_keeps_its_blank_lines():
    assert convert("Intro\n\n<pre>a\n\nb</pre>").html == "<p>Intro</p>\n<pre>a\n\nb</pre>"


def test_caption_with_a_linked_image_and_caption_attribute():
    html = convert(
        '[caption id="a" width="300" caption="Old style"]<a href="https://x.example/a.jpg">'
        '<img src="https://x.example/a.jpg" alt="A" /></a>[/caption]'
    ).html
    assert html == (
        '<figure><a href="https://x.example/a.jpg"><img src="https://x.example/a.jpg" alt="A" />'
        "</a><figcaption>Old style</figcaption></figure>"
    )


def test_block_posts_are_not_autopd():
    html = convert("<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->").html
    assert html == "<p>One\ntwo</p>"


def test_embed_becomes_a_link_and_escaped_shortcodes_print_literally():
    converted = convert("[embed]https://video.example/1[/embed]\n\nWrite [[gallery]] to show one.")
    assert '<a href="https://video.example/1">https://video.example/1</a>' in converted.html
    assert "Write [gallery] to show one." in converted.html
    assert converted.notes == []


@pytest.mark.parametrize("text", ["[sic]", "[1]", "[Editor's note: updated]", "[a-b]"])
def test_bracketed_prose_is_not_taken_for_a_shortcode(text):
    assert text in convert(f"He said {text} twice.").html


def test_self_closing_unknown_shortcode_is_removed_and_noted():
    converted = convert('Before [ad slot="top" /] after.')
    assert converted.html == "<p>Before  after.</p>"
    assert converted.notes == ["unknown shortcode [ad] removed (enclosed text kept)"]


def test_plain_text_drops_markup_and_decodes_entities():
    assert plain_text("<b>Tom</b> &amp; <i>Jerry</i>&#8217;s\n  show") == "Tom & Jerry’s show"


def item(**fields) -> wxr.Item:
    return wxr.Item(line=1, **fields)


def test_title_from_date_when_there_are_no_words():
    headline, made_up = headline_for(item(post_date_gmt="2014-02-03 10:00:00", post_id=9))
    assert (headline, made_up) == ("Untitled post of 3 February 2014", True)
    assert headline_for(item(post_id=9))[0] == "Untitled post 9"


def test_a_very_long_title_is_cut_to_the_headline_length():
    headline, _ = headline_for(item(title="word " * 200))
    assert len(headline) == 300 and headline.endswith("…")


@pytest.mark.parametrize(
    ("fields", "status", "public_date"),
    [
        ({"status": "publish"}, "published", True),
        ({"status": "future"}, "published", True),
        ({"status": "draft"}, "draft", False),
        ({"status": "pending"}, "draft", False),
        ({"status": "private"}, "draft", False),
        ({"status": "publish", "password": "x"}, "draft", False),
        ({"status": "future", "password": "x"}, "draft", False),
        ({"status": "weird"}, "draft", False),
    ],
)
def test_status_mapping(fields, status, public_date):
    mapping = status_for(item(post_date_gmt="2013-01-01 00:00:00", **fields))
    assert mapping.status == status
    assert (mapping.published_at is not None) == public_date


def test_published_post_without_any_date_stays_a_draft_with_a_warning():
    mapping = status_for(item(status="publish", post_date_gmt="0000-00-00 00:00:00"))
    assert mapping.status == "draft"
    assert mapping.warning


def test_old_paths_replace_the_slug_segment_and_ignore_query_links():
    post = item(
        link="https://site.example/2013/03/new-name/",
        post_name="new-name",
        meta=[("_wp_old_slug", "first-name"), ("_wp_old_slug", "new-name")],
    )
    assert old_paths(post) == ["/2013/03/new-name/", "/2013/03/first-name/"]
    assert old_paths(item(link="https://site.example/?p=4")) == []
    assert old_paths(item(link="https://site.example/")) == []


def test_tags_are_deduplicated_by_slug_and_keep_it_without_the_categories():
    post = item(
        categories=[
            ("category", "a", "Alpha"),
            ("post_tag", "x-ray", "X-ray"),
            ("category", "b", "Beta"),
            ("post_tag", "X-Ray", "x-ray"),
            ("post_tag", "caf%c3%a9s", "Cafés"),
        ]
    )
    assert tags_of(post) == [("x-ray", "X-ray"), ("cafés", "Cafés")]


def test_media_lookup_never_leaves_the_media_folder(tmp_path):
    media = tmp_path / "uploads"
    (media / "2013").mkdir(parents=True)
    (media / "2013" / "a.jpg").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("no")
    assert find_upload(media, "https://s.example/wp-content/uploads/2013/a.jpg") == (
        media / "2013" / "a.jpg"
    )
    assert find_upload(media, "https://s.example/wp-content/uploads/../secret.txt") is None
    assert find_upload(media, "https://s.example/wp-content/uploads/%2e%2e/secret.txt") is None
    assert find_upload(None, "https://s.example/wp-content/uploads/2013/a.jpg") is None


def test_reader_yields_channel_authors_terms_and_items_in_order():
    nodes = list(wxr.read(FIXTURES / "https-wxr-1.1.xml"))
    kinds = [type(node).__name__ for node in nodes]
    assert kinds == ["Author", "Term", "Channel", "Item"]
    assert nodes[2].site_url == "https://secure.example"
    assert nodes[3].creator == "sam"


def test_reader_reports_the_line_of_a_syntax_error(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<rss xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<item>\n')
    with pytest.raises(wxr.WXRError) as error:
        list(wxr.read(broken))
    assert error.value.line == 4


def test_reader_does_not_expand_an_external_entity_even_past_the_prolog_check(tmp_path):
    padded = tmp_path / "padded.xml"
    padded.write_text(
        "<?xml version='1.0'?>\n<!--" + "x" * 70_000 + "-->\n"
        '<!DOCTYPE rss [<!ENTITY s SYSTEM "file:///etc/hostname">]>\n'
        "<rss><channel><item><title>&s;</title></item></channel></rss>"
    )
    with pytest.raises(wxr.WXRError, match="declares a DTD"):
        list(wxr.read(padded))
