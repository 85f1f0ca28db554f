"""WordPress import: pages kept with their hierarchy, at working URLs, old addresses redirected."""

import pytest

from importers.models import WordPressPageSource
from pages.models import MAX_DEPTH, Page
from redirects.models import Redirect
from tests.factories import ArticleFactory
from tests.test_wordpress_identity import export, post, run
from tests.test_wordpress_import import snapshot

pytestmark = pytest.mark.django_db

BLOG = "https://harbourgazette.wordpress.com"


def page(
    post_id: int,
    slug: str,
    *,
    parent: int = 0,
    title: str = "",
    status: str = "publish",
    link: str = "",
    extra: str = "",
    content: str = "",
) -> str:
    """A page item as WordPress 6 writes it."""
    return f"""<item><title><![CDATA[{title or slug.title()}]]></title>
<link>{BLOG}{link or "/" + slug + "/"}</link><dc:creator>mara</dc:creator>
<guid isPermaLink="false">{BLOG}/?page_id={post_id}</guid>
<content:encoded><![CDATA[{
        content
        or f'''<!-- wp:paragraph --><p>About {slug}.</p>
<!-- /wp:paragraph --><script>alert(1)</script>'''
    }]]></content:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status>{status}</wp:status>
<wp:post_parent>{parent}</wp:post_parent><wp:menu_order>0</wp:menu_order>
<wp:post_type>page</wp:post_type>{extra}</item>"""


def pages_by_wp_id() -> dict[int, Page]:
    return {s.wp_post_id: s.page for s in WordPressPageSource.objects.select_related("page")}


def location(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_a_three_level_hierarchy_listed_child_first_answers_at_its_paths(client, tmp_path):
    history = page(42, "history", parent=41, link="/about/team/history/")
    team = page(41, "team", parent=40, link="/about/team/")
    about = page(40, "about", title="About us")
    out = run(export(tmp_path / "a.xml", [history, team, about, post(1)]))
    assert "pages: 3 created" in out
    pages = pages_by_wp_id()
    assert pages[42].path == "about/team/history"
    assert pages[42].parent == pages[41] and pages[41].parent == pages[40]
    assert all(p.status == Page.Status.PUBLISHED for p in pages.values())
    assert pages[40].title == "About us"
    assert "<p>About about.</p>" in pages[40].body and "script" not in pages[40].body
    for path in ("/about/", "/about/team/", "/about/team/history/"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert b"About history." in client.get("/about/team/history/").content
    assert not Redirect.objects.filter(old_path__startswith="/about/").exists()  # same paths


def test_a_second_run_writes_nothing(tmp_path):
    path = export(tmp_path / "a.xml", [page(41, "team", parent=40), page(40, "about"), post(1)])
    run(path)
    before = snapshot(), list(Page.objects.values()), list(WordPressPageSource.objects.values())
    out = run(path)
    assert "pages: 2 unchanged" in out
    after = snapshot(), list(Page.objects.values()), list(WordPressPageSource.objects.values())
    assert after == before


def test_a_changed_page_is_updated_in_place(tmp_path):
    run(export(tmp_path / "a.xml", [page(40, "about", title="About")]))
    out = run(export(tmp_path / "b.xml", [page(40, "about", title="About the Gazette")]))
    assert "pages: 1 updated" in out
    assert Page.objects.get().title == "About the Gazette"


def test_a_private_page_stays_draft_and_gets_no_redirect(client, tmp_path):
    private = page(40, "secret", status="private", link="/old/secret/")
    protected = page(41, "members", link="/old/members/", extra="").replace(
        "<wp:post_type>", "<wp:post_password>pw</wp:post_password><wp:post_type>"
    )
    out = run(export(tmp_path / "a.xml", [private, protected]))
    pages = pages_by_wp_id()
    assert {p.status for p in pages.values()} == {Page.Status.DRAFT}
    assert "kept as a draft (Private in WordPress)" in out
    assert "kept as a draft (Password-protected in WordPress)" in out
    assert client.get("/secret/").status_code == 404
    assert client.get("/old/secret/").status_code == 404
    assert client.get("/?page_id=40").status_code == 200  # the home page, as before
    assert not Redirect.objects.filter(old_path__startswith="/old/").exists()
    assert WordPressPageSource.objects.get(wp_post_id=40).import_note.startswith("Private")


def test_question_mark_page_id_answers_301_and_leaves_the_sites_own_urls_alone(client, tmp_path):
    run(export(tmp_path / "a.xml", [page(41, "team", parent=40), page(40, "about")]))
    assert location(client, "/?page_id=41") == "/about/team/"
    assert location(client, "/?p=40") == "/about/"  # WordPress answers a page's ID there too
    assert client.get("/?page_id=999").status_code == 200
    assert client.get("/?page_id=x41").status_code == 200
    assert client.get("/search/?q=x&page_id=41").status_code == 200  # root only


def test_an_old_path_that_differs_answers_301(client, tmp_path):
    moved = page(40, "contact", link="/site/contact-us/").replace(
        "</item>",
        "<wp:postmeta><wp:meta_key>_wp_old_slug</wp:meta_key>"
        "<wp:meta_value>write-to-us</wp:meta_value></wp:postmeta></item>",
    )
    run(export(tmp_path / "a.xml", [moved]))
    assert client.get("/contact/").status_code == 200
    assert location(client, "/site/contact-us/") == "/contact/"


def test_a_path_taken_by_the_site_or_an_editors_page_gets_a_free_slug(client, tmp_path):
    Page.objects.create(title="Ours", slug="about", status=Page.Status.PUBLISHED)
    out = run(export(tmp_path / "a.xml", [page(40, "about"), page(41, "search")]))
    pages = pages_by_wp_id()
    assert pages[40].path == "about-2" and pages[41].path == "search-2"
    assert "/about/ is another page's; imported at /about-2/" in out
    assert "/search/ belongs to the site itself; imported at /search-2/" in out
    assert client.get("/about/").content.count(b"Ours") >= 1  # the editor's page, untouched
    assert client.get("/search-2/").status_code == 200
    # A re-run keeps the free slugs and writes nothing.
    out = run(export(tmp_path / "a.xml", [page(40, "about"), page(41, "search")]))
    assert "pages: 2 unchanged" in out


def test_pages_deeper_than_allowed_hang_at_the_deepest_level(tmp_path):
    levels = [page(100 + n, f"level-{n}", parent=100 + n - 1 if n else 0) for n in range(6)]
    out = run(export(tmp_path / "a.xml", levels))
    pages = pages_by_wp_id()
    assert max(p.path.count("/") + 1 for p in pages.values()) == MAX_DEPTH
    deepest = pages[100 + MAX_DEPTH - 1]
    assert pages[100 + MAX_DEPTH].parent == deepest.parent
    assert pages[105].parent == deepest.parent
    assert "pages nest 4 deep" in out


def test_a_trashed_parent_leaves_its_child_at_the_top(tmp_path):
    out = run(
        export(tmp_path / "a.xml", [page(40, "gone", status="trash"), page(41, "kid", parent=40)])
    )
    assert pages_by_wp_id()[41].path == "kid"
    assert "pages: 1 skipped, 1 created" in out or "pages: 1 created, 1 skipped" in out
    assert "its parent page 40 is not imported" in out


def test_a_page_and_an_article_slug_do_not_clash(tmp_path):
    ArticleFactory(slug="about")
    run(export(tmp_path / "a.xml", [page(40, "about")]))
    assert pages_by_wp_id()[40].path == "about"


def test_page_bodies_get_library_images_and_links_to_the_new_pages(client, tmp_path):
    from PIL import Image

    from images.models import Image as LibraryImage

    uploads = tmp_path / "uploads" / "2020" / "01"
    uploads.mkdir(parents=True)
    Image.new("RGB", (64, 48), (20, 90, 160)).save(uploads / "newsroom.jpg")
    body = (
        f'<!-- wp:image --><figure class="wp-block-image"><img src="{BLOG}/wp-content/uploads/'
        '2020/01/newsroom-300x200.jpg" alt="The newsroom at night"/></figure><!-- /wp:image -->'
        f'<!-- wp:paragraph --><p>Read <a href="{BLOG}/2020/01/story-1/">our first story</a>, '
        f'<a href="{BLOG}/contact/">write to us</a> or see <a href="{BLOG}/?p=1">it again</a>.'
        "</p><!-- /wp:paragraph -->"
    )
    path = export(
        tmp_path / "a.xml", [page(40, "about", content=body), page(41, "contact"), post(1)]
    )
    run(path, media_dir=tmp_path / "uploads")
    about = pages_by_wp_id()[40]
    image = LibraryImage.objects.get()
    assert f'<figure data-image-id="{image.pk}" data-alt="The newsroom at night">' in about.body
    story = ArticleFactory._meta.model.objects.get(wordpress_source__wp_post_id=1)
    assert f'href="{story.get_absolute_url()}"' in about.body
    assert 'href="/contact/"' in about.body  # same path here: the page answers for itself
    assert BLOG not in about.body
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "wordpress.com" not in html
    assert f'<figure class="body-image"><img src="{image.file.url}"' in html  # rendered, ours
