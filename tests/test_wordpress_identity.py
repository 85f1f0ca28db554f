"""WordPress import: whose blog a post is, who wrote it, what its categories become, and the
messages an editor reads when a file cannot be used."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from taggit.models import Tag

from articles.models import Article, Section, WordPressSource
from authors.models import Author
from redirects.models import Redirect
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NAMESPACES = """<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">"""


def export(
    path: Path,
    posts: list[str],
    *,
    title: str = "Harbour Gazette",
    blog: str = "https://harbourgazette.wordpress.com",
    site: str = "https://wordpress.com",
    declarations: str = "",
) -> Path:
    """A WordPress.com-shaped export: every such export says base_site_url wordpress.com."""
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>{NAMESPACES}<channel><title>{title}</title>
<link>{blog}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{blog}</wp:base_blog_url>
<wp:author><wp:author_login>mara</wp:author_login>
<wp:author_display_name>Mara Quill</wp:author_display_name></wp:author>
{declarations}{"".join(posts)}</channel></rss>"""
    )
    return path


def post(
    post_id: int,
    *,
    blog: str = "https://harbourgazette.wordpress.com",
    title: str = "Ferry timetable changes",
    creator: str = "mara",
    terms: str = '<category domain="category" nicename="news">News</category>',
) -> str:
    return f"""<item><title>{title}</title><link>{blog}/2020/01/story-{post_id}/</link>
<dc:creator>{creator}</dc:creator><guid isPermaLink="false">{blog}/?p={post_id}</guid>
<content:encoded><![CDATA[Text of post {post_id}.]]></content:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt>
<wp:post_name>story-{post_id}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>{terms}</item>"""


def run(*args, **options) -> str:
    out = StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def refused(*args, **options) -> str:
    with pytest.raises(CommandError) as error:
        run(*args, **options)
    assert error.value.returncode == 1
    return str(error.value)


# Two blogs -----------------------------------------------------------------------------------


def test_two_wordpress_com_blogs_with_the_same_post_ids_are_imported_side_by_side(tmp_path):
    first = export(tmp_path / "a.xml", [post(12, title="Ferry timetable changes")])
    other_blog = "https://valleyherald.wordpress.com"
    second = export(
        tmp_path / "b.xml",
        [post(12, blog=other_blog, title="Valley fair opens")],
        title="Valley Herald",
        blog=other_blog,
    )
    run(first)
    out = run(second)
    assert "posts: 1 created" in out
    assert set(Article.objects.values_list("headline", flat=True)) == {
        "Ferry timetable changes",
        "Valley fair opens",
    }
    assert set(WordPressSource.objects.values_list("site_url", flat=True)) == {
        "https://harbourgazette.wordpress.com",
        other_blog,
    }
    # Both blogs used the path /2020/01/story-12/: the first blog keeps it.
    ferry = Article.objects.get(headline="Ferry timetable changes")
    assert Redirect.objects.get(old_path="/2020/01/story-12/").new_path == ferry.get_absolute_url()
    assert "old URL /2020/01/story-12/ already redirects elsewhere; kept as it was" in out


def test_another_blog_under_the_same_address_is_refused_before_anything_is_written(tmp_path):
    """An old export without base_blog_url: the channel link is the same, the GUIDs are not."""
    run(export(tmp_path / "a.xml", [post(12)]))
    clash = post(12, title="Someone else's post").replace(
        "harbourgazette.wordpress.com/?p=12", "elsewhere.example/?p=12"
    )
    second = export(tmp_path / "b.xml", [clash, post(13)], title="Other")
    message = refused(second)
    assert "1 post(s) of this export (Other" in message
    assert "--as-new-source" in message
    assert list(Article.objects.values_list("headline", flat=True)) == ["Ferry timetable changes"]

    run(second, as_new_source=True)
    assert Article.objects.filter(headline="Someone else's post").exists()
    assert Article.objects.get(wordpress_source__wp_post_id=12, headline="Ferry timetable changes")
    run(second, as_new_source=True)  # a re-run of the side-by-side import matches itself
    assert Article.objects.count() == 3


def test_a_re_run_of_the_same_blog_still_updates_in_place(tmp_path):
    path = export(tmp_path / "a.xml", [post(12)])
    run(path)
    export(path, [post(12, title="Ferry timetable changes again")])
    assert "posts: 1 updated" in run(path)
    assert Article.objects.get().headline == "Ferry timetable changes again"


# Authors ---------------------------------------------------------------------------------


def test_a_stray_creator_never_renames_the_real_author(tmp_path):
    run(export(tmp_path / "a.xml", [post(1), post(2, creator="&gt;mara")]))
    mara = Author.objects.get(slug="mara")
    assert mara.name == "Mara Quill"
    assert Article.objects.get(wordpress_source__wp_post_id=2).byline_authors == [mara]


def test_an_unknown_creator_becomes_an_author_of_its_own_and_a_re_run_finds_it(tmp_path):
    Author.objects.create(name="Mara Quill", slug="guest")  # a slug the creator would take
    path = export(tmp_path / "a.xml", [post(1, creator="guest")])
    out = run(path)
    assert "author 'guest' is not declared in the export; credited to the author 'guest' " in out
    assert "(slug 'guest-2'); no existing author was renamed" in out
    guest = Author.objects.get(name="guest")
    assert guest.slug == "guest-2"
    assert Author.objects.get(slug="guest").name == "Mara Quill"  # never renamed
    run(path, categories_as_tags=True)  # a changed option: the post is converted again
    assert Author.objects.filter(name="guest").count() == 1


# Categories and tags ---------------------------------------------------------------------

TAXONOMY = """<wp:category><wp:category_nicename>news</wp:category_nicename>
<wp:cat_name>News</wp:cat_name></wp:category>
<wp:category><wp:category_nicename>empty</wp:category_nicename>
<wp:cat_name>Never Used</wp:cat_name></wp:category>
<wp:category><wp:category_nicename>misc</wp:category_nicename>
<wp:cat_name>Misc</wp:cat_name></wp:category>"""
TERMS = """<category domain="category" nicename="misc">Misc</category>
<category domain="category" nicename="news">News</category>
<category domain="post_tag" nicename="ferries">Ferries</category>"""


def test_categories_without_posts_make_no_section(tmp_path):
    run(export(tmp_path / "a.xml", [post(1)], declarations=TAXONOMY))
    assert list(Section.objects.values_list("slug", flat=True)) == ["news"]


def test_a_category_map_chooses_sections_tags_and_drops(tmp_path):
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"misc": "tag", "news": "section"}))
    run(export(tmp_path / "a.xml", [post(1, terms=TERMS)], declarations=TAXONOMY),
        category_map=mapping)  # fmt: skip
    article = Article.objects.get()
    assert article.section.slug == "news"
    assert sorted(article.tags.names()) == ["Ferries", "Misc"]
    assert not Section.objects.filter(slug="misc").exists()

    mapping.write_text(json.dumps({"misc": "drop"}))
    run(tmp_path / "a.xml", category_map=mapping)
    assert sorted(Article.objects.get().tags.names()) == ["Ferries"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "is not valid JSON"),
        ('["news"]', "must hold one JSON object"),
        ('{"news": "rubric"}', "category 'news' is mapped to 'rubric'; use one of: section"),
    ],
)
def test_a_broken_category_map_is_refused_with_what_to_fix(tmp_path, content, problem):
    mapping = tmp_path / "map.json"
    mapping.write_text(content)
    assert problem in refused(export(tmp_path / "a.xml", [post(1)]), category_map=mapping)
    assert not Article.objects.exists()


def test_tags_are_matched_by_slug_whatever_their_case_and_keep_wordpress_slugs(tmp_path):
    existing = Tag.objects.create(name="Ferries", slug="ferries")
    terms = """<category domain="post_tag" nicename="FERRIES">ferries</category>
<category domain="post_tag" nicename="low-tide-2">Low tide</category>"""
    run(export(tmp_path / "a.xml", [post(1, terms=terms), post(2, terms=terms)]))
    assert Tag.objects.count() == 2
    assert set(Article.objects.get(wordpress_source__wp_post_id=1).tags.all()) == {
        existing,
        Tag.objects.get(slug="low-tide-2", name="Low tide"),
    }


def test_a_tag_slug_taken_by_another_name_gets_a_free_one(tmp_path):
    ArticleFactory(tags=["Harbour"])  # slug "harbour"
    terms = '<category domain="post_tag" nicename="harbour">Port works</category>'
    run(export(tmp_path / "a.xml", [post(1, terms=terms)]))
    # Matched by slug: WordPress called it "Port works", the site already has it as "Harbour".
    assert list(Article.objects.get(wordpress_source__wp_post_id=1).tags.names()) == ["Harbour"]


# Messages --------------------------------------------------------------------------------


def test_an_empty_file_says_so(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_text("")
    assert "the file is empty" in refused(empty)


def test_an_undefined_entity_is_named_with_its_line(tmp_path):
    path = export(tmp_path / "a.xml", [post(1, title="Caf&eacute; reopens")])
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "&eacute;" in text)
    message = refused(path)
    assert f"line {line}:" in message and "Entity 'eacute' not defined" in message
    assert "no element found" not in message


def test_a_missing_file_is_listed_once_with_every_post_that_uses_it(tmp_path):
    attachment = """<item><title>photo</title><wp:post_id>90</wp:post_id>
<wp:post_type>attachment</wp:post_type>
<wp:attachment_url>https://harbourgazette.files.wordpress.com/2020/01/pier.jpg</wp:attachment_url>
</item>"""
    thumbnail = "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>90"
    thumbnail += "</wp:meta_value></wp:postmeta></item>"
    posts = [post(n).replace("</item>", thumbnail) for n in (1, 2, 3)]
    media = tmp_path / "uploads"
    media.mkdir()
    out = run(export(tmp_path / "a.xml", [*posts, attachment]), media_dir=media)
    assert "Media files not found (1)" in out
    assert out.count("pier.jpg") == 1
    assert "(used by post 1 (line" in out and "post 3 (line" in out
