"""`import_wordpress`: a WXR export imported completely, safely and repeatably."""

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from taggit.models import Tag

from articles import curation
from articles.models import (
    Article,
    Byline,
    HomeSlot,
    Section,
    TaggedArticle,
    WordPressSource,
)
from authors.models import Author
from images.models import Image as LibraryImage
from importers.wordpress import importer as wordpress
from redirects.models import Redirect
from search.index import update_search_vector
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
SITE = FIXTURES / "site-wxr-1.2.xml"


def run(*args, **options) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue()


def by_wp_id(post_id: int) -> Article:
    return Article.objects.get(wordpress_source__wp_post_id=post_id)


@pytest.fixture
def media_dir(tmp_path) -> Path:
    """A copy of wp-content/uploads holding the first post's featured image only."""
    folder = tmp_path / "uploads" / "2013" / "03"
    folder.mkdir(parents=True)
    Image.new("RGB", (64, 48), (20, 90, 160)).save(folder / "photo.jpg")
    return tmp_path / "uploads"


def snapshot() -> dict:
    """Every row the importer may touch, with modification times."""
    return {
        "articles": list(Article.objects.order_by("pk").values()),
        "sources": list(WordPressSource.objects.order_by("pk").values()),
        "authors": list(Author.objects.order_by("pk").values()),
        "sections": list(Section.objects.order_by("pk").values()),
        "bylines": list(Byline.objects.order_by("pk").values()),
        "tags": list(Tag.objects.order_by("pk").values()),
        "tagged": list(TaggedArticle.objects.order_by("pk").values()),
        "redirects": list(Redirect.objects.order_by("pk").values()),
    }


def test_every_item_of_the_export_is_accounted_for_in_the_summary():
    out = run(SITE)
    assert "items in the file: 18" in out
    assert "posts: 13 created, 1 skipped" in out  # 14 posts, one of them in the trash
    assert "pages: 1 created" in out
    assert "menu items: 1 skipped" in out
    assert "attachments: 2 used as lead images" in out
    assert "comments: 2 skipped" in out
    assert "sticky posts: 1 recorded" in out
    assert "post 23 (line 292) skipped: in the WordPress trash" in out
    assert Article.objects.count() == 13
    assert not Article.objects.filter(headline="About us").exists()


def test_authors_become_profiles_matched_by_login():
    run(SITE)
    mara = Author.objects.get(slug="mara")
    assert mara.name == "Mara Quill"
    assert Author.objects.get(slug="tjones").name == "Tom Jones"  # no display name: first + last
    assert [a.slug for a in by_wp_id(10).byline_authors] == ["mara"]
    assert mara.user is None  # no accounts unless asked


def test_an_author_missing_from_the_author_list_is_created_and_reported():
    out = run(SITE)
    assert by_wp_id(19).byline_authors[0].slug == "guest-writer"
    assert "author 'guest-writer' is not declared in the export" in out


def test_create_users_gives_each_author_an_account_without_a_usable_password():
    run(SITE, create_users=True)
    user = get_user_model().objects.get(username="mara")
    assert user.email == "mara@gazette.example"
    assert not user.has_usable_password()
    assert Author.objects.get(slug="mara").user == user


def test_category_hierarchy_becomes_sections_nested_one_level():
    out = run(SITE)
    news, local = Section.objects.get(slug="news"), Section.objects.get(slug="local")
    assert local.parent == news
    assert local.name == "Local & Regional"
    assert news.description == "All the news"
    # weather is News › Local › Weather in WordPress; sections nest one level deep.
    assert Section.objects.get(slug="weather").parent == news
    assert "category 'weather' is nested 3 levels deep" in out


def test_first_category_is_the_section_and_the_others_are_not_copied_into_tags():
    run(SITE)
    article = by_wp_id(10)
    assert article.section.slug == "local"
    assert set(article.tags.names()) == {"Budget", "Council"}


def test_further_categories_become_tags_when_asked():
    run(SITE, categories_as_tags=True)
    assert set(by_wp_id(10).tags.names()) == {"Budget", "Council", "Politics"}


def test_many_tags_and_categories_are_all_kept_once():
    run(SITE)
    article = by_wp_id(20)
    assert article.section.slug == "sport"
    names = set(article.tags.names())
    assert names == {
        "Budget",
        "Council",
        "Harbour",
        "Ferries",
        "Tides",
        "Fishing",
        "Tourism",
        "Schools",
        "Roads",
        "Housing",
        "Cafés",
    }  # fmt: skip; its further categories (Politics, Weather, News) are not tags
    assert TaggedArticle.objects.filter(content_object=article).count() == len(names)


def test_post_without_category_goes_to_the_default_section():
    desk = SectionFactory(slug="desk", name="Desk")
    run(SITE, default_section="desk")
    assert by_wp_id(19).section == desk


def test_post_without_category_and_no_default_goes_to_uncategorized():
    out = run(SITE)
    assert by_wp_id(19).section.slug == "uncategorized"
    assert "posts without a category went to section 'Uncategorized'" in out


def test_unknown_default_section_is_refused_before_importing():
    with pytest.raises(CommandError, match="no section with that slug") as error:
        run(SITE, default_section="nope")
    assert error.value.returncode == 1
    assert not Article.objects.exists()


def test_markup_in_a_title_is_reduced_to_text():
    run(SITE)
    assert by_wp_id(11).headline == "Breaking: storm hits the coast"


def test_special_characters_in_title_and_slug_survive():
    run(SITE)
    article = by_wp_id(13)
    assert (
        article.headline == "Café “owners” say: rents < wages? No & prices up 100% — ‘again’ – Q&A"
    )
    assert article.slug == "café-owners"
    assert "<script" not in article.body
    assert "&amp; more" in article.body


def test_post_without_title_gets_one_from_its_first_words():
    out = run(SITE)
    assert by_wp_id(12).headline.startswith("The library opens late on Thursdays")
    assert "post 12 (line 99) has no title" in out


def test_post_without_content_has_an_empty_body():
    run(SITE)
    article = by_wp_id(14)
    assert article.body == ""
    assert article.is_public


def test_both_namespace_forms_and_plain_text_fields_are_read():
    run(FIXTURES / "old-wxr-1.0-plain.xml")
    run(FIXTURES / "https-wxr-1.1.xml")
    old = Article.objects.get(slug="fish-and-chips")
    assert old.headline == "Fish & chips by the sea"
    assert old.body == "<p>We walked <strong>all</strong> the way.</p>\n<p>Then we ate.</p>"
    assert old.standfirst == "A day out."
    assert old.section.slug == "trips"
    assert old.section.parent.slug == "diary"
    assert set(old.tags.names()) == {"seaside"}  # WXR 1.0 calls tags "tag"
    assert str(old.published_at) == "2009-07-04 13:00:00+00:00"
    secure = Article.objects.get(slug="quiet-keyboard")
    assert secure.byline_authors[0].name == "Sam Rivers"
    assert secure.standfirst == "Short verdict: quiet."
    assert secure.section.name == "Reviews"


def test_classic_content_gets_paragraphs_and_keeps_a_caption_whose_image_is_elsewhere():
    run(SITE)
    body = by_wp_id(10).body
    assert body.startswith("<p>The council voted 7 to 2 on Tuesday.<br>\nThe debate ran late.</p>")
    assert "<p>Dredging gets the largest share.</p>" in body
    # The picture lives on the old site: no body may load images from another host (they
    # would be tracking pixels in feeds), so the caption's words stay as a paragraph.
    assert "gazette.example/wp-content" not in body
    assert "<p>The harbour at dawn, before the vote</p>" in body
    assert "<h2>What happens next</h2>\n<p>Work starts in May.</p>" in body
    assert "[caption" not in body


def test_gutenberg_block_comments_are_removed():
    run(SITE)
    body = by_wp_id(11).body
    assert "wp:" not in body
    assert "<p>Winds reached 120 km/h overnight.</p>" in body
    assert "<h2>Ferries cancelled</h2>" in body


def test_gallery_and_unknown_shortcodes_are_removed_and_reported():
    out = run(SITE)
    body = by_wp_id(19).body
    assert "[gallery" not in body and "[tweet" not in body
    assert "Bold words" in body  # enclosed text of an unknown shortcode is kept
    assert "[sic]" in body  # a bare bracketed word is prose, not a shortcode
    # Without --media-dir the gallery's images are not found: listed, with the post.
    assert re.search(r"uploads/2013/03/storm.jpg \(used by .*post 19 \(line 214\)\)", out)
    assert "post 19 (line 214): unknown shortcode [pullquote] removed" in out


def test_excerpt_becomes_the_standfirst_as_text():
    run(SITE)
    assert by_wp_id(10).standfirst == "The vote was closer than expected."


def test_published_post_keeps_its_gmt_date_and_is_public():
    run(SITE)
    article = by_wp_id(10)
    assert article.status == Article.Status.PUBLISHED
    assert str(article.published_at) == "2013-03-12 09:30:00+00:00"
    assert article.is_public


def test_draft_without_slug_gets_one_and_stays_a_draft():
    run(SITE)
    article = by_wp_id(15)
    assert article.slug == "draft-the-new-ferry-timetable"
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None  # the zero date of drafts means "no date"


def test_pending_post_becomes_a_draft_with_the_reason():
    run(SITE)
    article = by_wp_id(22)
    assert article.status == Article.Status.DRAFT
    assert article.wordpress_source.import_note == "Pending review in WordPress."


def test_scheduled_post_is_published_at_its_future_time_and_hidden_until_then(client):
    run(SITE)
    article = by_wp_id(16)
    assert article.is_scheduled
    assert str(article.published_at) == "2099-01-05 11:00:00+00:00"
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get("/2099/01/regatta-preview/").status_code == 404


@pytest.mark.parametrize(
    ("post_id", "note"),
    [
        (17, "Password-protected in WordPress: kept as a draft."),
        (18, "Private in WordPress: kept as a draft."),
    ],
)
def test_private_and_password_protected_posts_are_drafts_and_nowhere_public(client, post_id, note):
    run(SITE)
    article = by_wp_id(post_id)
    assert article.status == Article.Status.DRAFT
    assert article.wordpress_source.import_note == note
    assert not Redirect.objects.filter(new_path=article.get_absolute_url()).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    old_path = article.wordpress_source.original_url.removeprefix("https://gazette.example")
    assert client.get(old_path).status_code == 404
    for page in ["/", "/feed/", "/sitemap.xml", f"/sections/{article.section.slug}/"]:
        assert article.headline not in client.get(page).content.decode()


def test_sticky_post_is_recorded_and_featured_on_the_home_page():
    run(SITE)
    sticky = by_wp_id(19)
    assert sticky.wordpress_source.sticky
    assert WordPressSource.objects.filter(sticky=True).count() == 1
    assert list(HomeSlot.objects.values_list("article", flat=True)) == [sticky.pk]


def test_feature_appends_after_the_current_picks_once():
    first, second = ArticleFactory(), ArticleFactory()
    curation.feature(first)
    curation.feature(second)
    curation.feature(first)
    assert list(HomeSlot.objects.values_list("article", "position")) == [
        (first.pk, 0),
        (second.pk, 1),
    ]


def test_duplicate_slugs_are_made_unique():
    run(SITE)
    assert by_wp_id(10).slug == "council-budget"
    assert by_wp_id(21).slug == "council-budget-2"


def test_old_permalinks_and_old_slugs_answer_301_to_the_article(client):
    run(SITE)
    article = by_wp_id(10)
    for old in ["/2013/03/council-budget/", "/2013/03/budget-vote-tonight/"]:
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()
    assert Redirect.objects.get(old_path="/2013/03/council-budget/").source == "import"
    café = by_wp_id(13)
    response = client.get("/2013/03/caf%C3%A9-owners/")
    assert response.status_code == 301
    assert response["Location"] == café.get_absolute_url()


def test_featured_image_is_taken_from_the_media_dir(media_dir):
    out = run(SITE, media_dir=media_dir)
    article = by_wp_id(10)
    image = article.lead_image
    assert image.file.name.endswith(".jpg")
    assert (Path(settings.MEDIA_ROOT) / image.file.name).is_file()
    assert image.alt_text == "Boats in the harbour at dawn"
    assert image.caption == "The harbour at dawn"
    source = article.wordpress_source
    assert source.lead_image_url.endswith("/2013/03/photo.jpg")
    assert not source.lead_image_missing
    assert "uploads/2013/03/photo.jpg" not in out


def test_a_missing_featured_image_is_recorded_and_listed(media_dir):
    out = run(SITE, media_dir=media_dir)
    article = by_wp_id(11)
    assert not article.lead_image
    assert article.wordpress_source.lead_image_missing
    assert article.wordpress_source.lead_image_url == (
        "https://gazette.example/wp-content/uploads/2013/03/storm.jpg"
    )
    assert "Media files not found (1)" in out
    assert "  https://gazette.example/wp-content/uploads/2013/03/storm.jpg" in out


def test_a_file_that_is_not_an_image_is_not_attached(media_dir):
    (media_dir / "2013" / "03" / "photo.jpg").write_text("not a picture")
    out = run(SITE, media_dir=media_dir)
    assert not by_wp_id(10).lead_image
    assert "is not a readable image" in out


def test_media_dir_must_exist(tmp_path):
    with pytest.raises(CommandError, match="no such folder") as error:
        run(SITE, media_dir=tmp_path / "nope")
    assert error.value.returncode == 1


def test_second_run_changes_nothing(media_dir):
    run(SITE, media_dir=media_dir)
    before = snapshot()
    files_before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    out = run(SITE, media_dir=media_dir)
    assert snapshot() == before
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == files_before
    assert "posts: 13 unchanged, 1 skipped" in out


def test_second_run_updates_what_changed_and_creates_nothing_twice(tmp_path):
    run(SITE)
    changed = tmp_path / "changed.xml"
    changed.write_text(
        SITE.read_text().replace("City council approves the harbour budget", "Budget approved")
    )
    before = Article.objects.count()
    out = run(changed)
    assert "posts: 1 updated, 12 unchanged, 1 skipped" in out
    assert Article.objects.count() == before
    assert by_wp_id(10).headline == "Budget approved"
    assert Byline.objects.filter(article=by_wp_id(10)).count() == 1


def test_a_post_is_matched_by_guid_when_the_site_address_changed(tmp_path):
    run(SITE)
    moved = tmp_path / "moved.xml"
    moved.write_text(
        SITE.read_text().replace(
            "<wp:base_site_url>https://gazette.example", "<wp:base_site_url>https://new.example"
        )
    )
    before = snapshot()
    out = run(moved)
    assert "posts: 13 unchanged, 1 skipped" in out
    assert snapshot() == before


def test_a_missing_image_is_attached_when_a_later_run_finds_it(media_dir):
    run(SITE)
    assert by_wp_id(10).wordpress_source.lead_image_missing
    run(SITE, media_dir=media_dir)
    article = by_wp_id(10)
    assert article.lead_image
    assert not article.wordpress_source.lead_image_missing


def test_dry_run_reports_and_writes_nothing(media_dir):
    out = run(SITE, media_dir=media_dir, dry_run=True, create_users=True)
    assert "Dry run: nothing was written" in out
    assert "posts: 13 created, 1 skipped" in out
    assert snapshot() == {key: [] for key in snapshot()}
    assert not get_user_model().objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_one_bad_item_is_reported_and_skipped_without_leaving_half_of_it(monkeypatch):
    real = wordpress.WordPressImport.record_redirects

    def fail_on_post_11(self, post):
        if post.item.post_id == 11:
            raise ValueError("simulated failure after the article was saved")
        return real(self, post)

    monkeypatch.setattr(wordpress.WordPressImport, "record_redirects", fail_on_post_11)
    with pytest.raises(CommandError, match="1 post") as error:
        run(SITE)
    assert error.value.returncode == 2
    assert Article.objects.count() == 12
    assert not Article.objects.filter(headline__contains="storm").exists()
    assert not Section.objects.filter(slug="weather", articles__isnull=False).exists()


def test_malformed_file_gives_line_number_and_writes_nothing():
    with pytest.raises(CommandError, match=r"line 12: the file is not well-formed XML") as error:
        run(FIXTURES / "malformed.xml")
    assert error.value.returncode == 1
    assert "Nothing was imported" in str(error.value)
    assert not Article.objects.exists()


def test_malformed_file_exits_1_without_a_traceback():
    env = {**os.environ, "SECRET_KEY": "x"}
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "import_wordpress", str(FIXTURES / "malformed.xml")],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "line 12" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["entity-bomb.xml", "external-entity.xml"])
def test_entity_bombs_and_external_entities_are_refused(name):
    with pytest.raises(CommandError, match="declares a DTD or entities") as error:
        run(FIXTURES / name)
    assert error.value.returncode == 1
    assert not Article.objects.exists()


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not a WordPress export"):
        run(FIXTURES / "not-wordpress.xml")
    html = tmp_path / "page.xml"
    html.write_text("<html><body>hello</body></html>")
    with pytest.raises(CommandError, match="not a WordPress export"):
        run(html)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file") as error:
        run(tmp_path / "missing.xml")
    assert error.value.returncode == 1


def test_progress_is_plain_lines_when_not_a_terminal():
    err = StringIO()
    call_command("import_wordpress", str(SITE), stdout=StringIO(), stderr=err)
    assert err.getvalue().strip().splitlines() == ["14/14 posts processed"]


def test_the_imported_site_serves_every_public_page(client, media_dir):
    run(SITE, media_dir=media_dir)
    pages = ["/", "/feed/", "/sitemap.xml"]
    pages += [s.get_absolute_url() for s in Section.objects.all()]
    pages += [a.get_absolute_url() for a in Author.objects.all()]
    pages += [f"/tags/{tag.slug}/" for tag in Tag.objects.all()]
    pages += [a.get_absolute_url() for a in Article.objects.published()]
    for page in pages:
        assert client.get(page).status_code == 200, page
    for article in Article.objects.exclude(pk__in=Article.objects.published()):
        assert client.get(article.get_absolute_url()).status_code == 404


class FakeTerminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_redrawn_in_place_on_a_terminal():
    err = FakeTerminal()
    call_command("import_wordpress", str(SITE), stdout=StringIO(), stderr=err)
    output = err.getvalue()
    assert output.count("\r[") == 14
    assert output.endswith("\r[" + "#" * 30 + "] 14/14 posts\n")


def test_editors_see_the_import_notes_in_the_admin_but_cannot_add_any(admin_client):
    run(SITE)
    response = admin_client.get("/admin/articles/wordpresssource/")
    assert response.status_code == 200
    assert "Private in WordPress: kept as a draft." in response.content.decode()
    assert admin_client.get("/admin/articles/wordpresssource/add/").status_code == 403


def test_raw_markup_fields_are_read_and_an_item_without_usable_id_is_skipped():
    with pytest.raises(CommandError, match="1 post") as error:
        run(FIXTURES / "odd-items.xml")
    assert error.value.returncode == 2
    article = Article.objects.get()
    assert article.headline == "Raw markup in the title"
    assert article.body == "<p>First <em>paragraph</em>.</p>\n<p>Second one.</p>"
    assert article.standfirst == "A short dek."


# The batch path: each batch of posts is written with one insert per table ------------------

GENERATED_HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://gen.example</wp:base_site_url>
<wp:author><wp:author_login>mara</wp:author_login>
<wp:author_display_name>Mara Quill</wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>news</wp:category_nicename><wp:cat_name>News</wp:cat_name>
</wp:category>
<wp:tag><wp:tag_slug>harbour</wp:tag_slug><wp:tag_name>Harbour</wp:tag_name></wp:tag>
"""


def story(n: int, title: str = "Harbour story") -> str:
    """A published post by the declared author, in the declared section, with the tag."""
    return f"""<item><title>{title} {n}</title><link>https://gen.example/2020/01/story-{n}/</link>
    <dc:creator>mara</dc:creator><guid isPermaLink="false">https://gen.example/?p={n}</guid>
    <content:encoded><![CDATA[Paragraph of story {n}.]]></content:encoded>
    <wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt>
    <wp:post_name>story-{n}</wp:post_name><wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type><category domain="category" nicename="news">News</category>
    <category domain="post_tag" nicename="harbour">Harbour</category></item>"""


def generated_export(path: Path, items: Iterable[str]) -> Path:
    path.write_text(GENERATED_HEADER + "\n".join(items) + "</channel></rss>")
    return path


def run_failing(*args, **options) -> str:
    """The output of a run that ends with exit code 2 (some posts failed)."""
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", *map(str, args), stdout=out, stderr=StringIO(), **options)
    assert error.value.returncode == 2
    return out.getvalue()


def imported_state() -> dict:
    """Everything the import wrote, keyed by WordPress post ID instead of database keys."""
    wp_ids = dict(WordPressSource.objects.values_list("article_id", "wp_post_id"))

    def wp_path(path: str) -> str:
        return re.sub(r"^/articles/(\d+)/", lambda m: f"/articles/wp{wp_ids[int(m[1])]}/", path)

    # Library images by content: a re-import gives them new keys.
    shas = dict(LibraryImage.objects.values_list("pk", "sha256"))

    def by_content(body: str) -> str:
        return re.sub(
            r"(?<=data-image-id=\")\d+|(?<=data-gallery=\")[\d ]+",
            lambda m: " ".join(shas[int(pk)] for pk in m[0].split()),
            body,
        )

    state = {}
    for article in Article.objects.select_related("section", "wordpress_source", "lead_image"):
        source = article.wordpress_source
        state[source.wp_post_id] = {
            "article": (
                article.headline, article.slug, article.standfirst, by_content(article.body),
                article.status,
                article.published_at, article.section.slug, article.lead_image_id is not None,
            ),
            "authors": [author.slug for author in article.byline_authors],
            "tags": sorted(article.tags.names()),
            "source": (
                source.site_url, source.guid, source.original_url, source.wp_status,
                source.import_note, source.sticky, source.lead_image_url,
                source.lead_image_missing, source.source_hash,
            ),
            "featured": HomeSlot.objects.filter(article=article).exists(),
            "search_vector": article.search_vector,
        }  # fmt: skip
    redirects = {
        (old_path, wp_path(new_path), source)
        for old_path, new_path, source in Redirect.objects.values_list(
            "old_path", "new_path", "source"
        )
    }
    return {"posts": state, "redirects": redirects}


def forget_the_import() -> None:
    Article.objects.all().delete()  # with their bylines, tag links, sources and home slots
    Redirect.objects.all().delete()
    LibraryImage.objects.all().delete()


def test_a_batch_gives_what_importing_its_posts_one_by_one_gives(monkeypatch, media_dir):
    out = run(SITE, media_dir=media_dir)
    batched = imported_state()
    forget_the_import()
    real_write = wordpress.write_posts

    def one_post_at_a_time(posts):
        if len(posts) > 1:
            raise RuntimeError("batch refused: retried post by post")
        return real_write(posts)

    monkeypatch.setattr(wordpress, "write_posts", one_post_at_a_time)
    out_one_by_one = run(SITE, media_dir=media_dir)
    assert len(batched["posts"]) == 13
    assert imported_state() == batched  # bylines, tags, sources, redirects, search vectors
    warnings = out.split("Warnings")[1]
    assert out_one_by_one.split("Warnings")[1] == warnings
    assert "posts: 13 created, 1 skipped" in out_one_by_one


def test_a_bad_post_in_a_batch_is_skipped_and_the_rest_of_the_batch_imported(
    monkeypatch, media_dir
):
    real_prepare = wordpress.WordPressImport.prepare_post

    def fail_on_post_10(self, item):
        post = real_prepare(self, item)  # its lead image is stored by now
        if item.post_id == 10:
            raise ValueError("simulated failure of a prepared post")
        return post

    monkeypatch.setattr(wordpress.WordPressImport, "prepare_post", fail_on_post_10)
    out = run_failing(SITE, media_dir=media_dir)
    assert "1 failed" in out and "12 created" in out
    # Post 10's featured image is not used as one; post 19's gallery shows the same file.
    assert "attachments: 1 used as lead images, 1 used in bodies" in out
    assert "post 10 (line 34) failed and was skipped: ValueError: simulated failure" in out
    assert out.count("failed and was skipped") == 1
    assert Article.objects.count() == 12
    assert not WordPressSource.objects.filter(wp_post_id=10).exists()
    # Nothing of the bad post is left: not its image row, nor the file stored for it. The one
    # image in the library is post 19's gallery's, stored after post 10's was rolled back.
    (image,) = LibraryImage.objects.all()
    assert f'data-gallery="{image.pk}"' in by_wp_id(19).body
    assert [p.name for p in Path(settings.MEDIA_ROOT).rglob("*.jpg")] == [
        Path(image.file.name).name
    ]
    # The others are complete.
    article = by_wp_id(21)
    assert article.slug == "council-budget"  # post 10's slug was never taken
    assert len(article.byline_authors) == 1
    assert Redirect.objects.filter(new_path=article.get_absolute_url()).exists()
    assert WordPressSource.objects.count() == 12
    assert Byline.objects.count() == 12


def test_a_post_listed_twice_in_one_batch_is_created_then_updated(tmp_path):
    export = generated_export(tmp_path / "twice.xml", [story(1), story(2), story(1, "Corrected")])
    out = run(export)
    assert "posts: 2 created, 1 updated" in out
    assert Article.objects.count() == WordPressSource.objects.count() == 2
    assert by_wp_id(1).headline == "Corrected 1"
    assert by_wp_id(1).slug == "story-1"


def test_the_queries_of_an_import_do_not_grow_with_the_number_of_posts(tmp_path):
    run(generated_export(tmp_path / "first.xml", [story(1)]))  # author, section and tag exist now
    counts = []
    for n, ids in enumerate([range(100, 110), range(200, 260)]):
        export = generated_export(tmp_path / f"export-{n}.xml", map(story, ids))
        with CaptureQueriesContext(connection) as queries:
            out = run(export)
        assert f"posts: {len(ids)} created" in out
        counts.append(len(queries))
    ten, sixty = counts
    assert sixty <= ten + 2, counts  # not seven or more per post, as when each was saved alone
    assert sixty < 60


def test_pages_cached_before_an_import_show_the_imported_articles(client, tmp_path):
    section = SectionFactory(slug="news", name="News")
    author = AuthorFactory(slug="mara", name="Mara Quill")
    tag = Tag.objects.create(name="Harbour", slug="harbour")
    ArticleFactory(section=section, authors=[author], tags=["Harbour"])
    pages = ["/", section.get_absolute_url(), author.get_absolute_url(), f"/tags/{tag.slug}/"]
    for page in pages:
        assert "Harbour story 1" not in client.get(page).content.decode()  # cached now
    out = run(generated_export(tmp_path / "export.xml", map(story, [1, 2, 3])))
    assert "sections: 1 matched existing" in out and "authors: 1 unchanged" in out
    for page in pages:
        assert "Harbour story 1" in client.get(page).content.decode(), page


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="stored search vectors exist on PostgreSQL only",
)
def test_imported_articles_get_the_search_vectors_a_rebuild_gives():
    run(SITE)
    imported = dict(Article.objects.values_list("pk", "search_vector"))
    assert all(imported.values())
    update_search_vector(imported)
    assert dict(Article.objects.values_list("pk", "search_vector")) == imported
    article = by_wp_id(10)
    matches = Article.objects.filter(search_vector="Council", pk=article.pk)  # a tag
    assert matches.exists()


def test_a_slug_changed_in_wordpress_sends_every_old_link_straight_to_the_new_url(tmp_path, client):
    run(SITE)
    old_url = by_wp_id(10).get_absolute_url()
    renamed = tmp_path / "renamed.xml"
    renamed.write_text(
        SITE.read_text()
        .replace(
            "<link>https://gazette.example/2013/03/council-budget/</link>",
            "<link>https://gazette.example/2013/03/harbour-budget/</link>",
        )
        .replace(
            "<wp:post_name><![CDATA[council-budget]]></wp:post_name>\n\t\t<wp:status>",
            "<wp:post_name><![CDATA[harbour-budget]]></wp:post_name>\n\t\t<wp:status>",
            1,
        )
    )
    out = run(renamed)
    assert "posts: 1 updated, 12 unchanged, 1 skipped" in out
    article = by_wp_id(10)
    assert article.slug == "harbour-budget"
    new_url = article.get_absolute_url()
    assert Redirect.objects.get(old_path=old_url).new_path == new_url  # the old Newsroom URL
    for old in ["/2013/03/council-budget/", "/2013/03/budget-vote-tonight/"]:
        assert Redirect.objects.get(old_path=old).new_path == new_url  # no chain
        assert client.get(old)["Location"] == new_url
    assert Redirect.objects.get(old_path="/2013/03/harbour-budget/").new_path == new_url
    assert not Redirect.objects.filter(old_path=new_url).exists()


MARKUP = FIXTURES / "markup-wxr-1.2.xml"


def test_embeds_footnotes_and_headings_are_stored_and_shown_on_the_article_page(client):
    out = run(MARKUP)
    body = by_wp_id(41).body
    assert body.startswith('<h2 class="align-center">The timetable</h2>')
    assert "<h3>Fares</h3>" in body and "<h1" not in body
    assert '<sup><a href="#fn-1" id="fn-1-ref"' in body
    assert '<ol class="footnotes"><li id="fn-1">Harbour master' in body
    assert '<figure data-embed="youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in (
        body
    )
    assert ">The first crossing</a></figure>" in body
    assert '<figure data-embed="link"><a href="https://www.facebook.com/harbour/posts/1015"' in body
    assert '<p><a href="https://tickets.example/night"' in body
    assert "<p></p>" not in body and "more" not in body and "iframe" not in body
    assert "post 41 (line 17): removed: <iframe> (in “Night ferries return”)" in out

    page = client.get(by_wp_id(41).get_absolute_url()).content.decode()
    assert 'class="embed embed--video" data-embed="youtube"' in page
    assert 'class="link-card" href="https://www.facebook.com/harbour/posts/1015"' in page
    assert '<li id="fn-1">' in page and 'href="#fn-1-ref"' in page
    assert '<h2 class="align-center">The timetable</h2>' in page

    classic = by_wp_id(42).body
    assert re.findall(r'data-embed="([\w-]+)"', classic) == ["vimeo", "x", "link"]
    assert '<p class="align-right">Photos: the club.</p>' in classic
    assert '<p>And the crowd\'s view:</p>\n<figure data-embed="x">' in classic


def test_a_second_run_over_converted_markup_writes_nothing():
    run(MARKUP)
    before = snapshot()
    run(MARKUP)
    assert snapshot() == before
