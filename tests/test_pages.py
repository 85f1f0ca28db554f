"""Pages at root-level paths: served, never shadowing the site, drafts hidden, 301 on moves."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import Page
from pages.reserved import is_reserved, reserved_segments
from redirects.models import Redirect
from tests.factories import StaffUserFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db


def make_page(slug="about", title="About us", parent=None, status=Page.Status.PUBLISHED, **kw):
    return Page.objects.create(
        slug=slug, title=title, parent=parent, status=status, body="<p>Who we are.</p>", **kw
    )


def test_published_page_is_served_at_its_root_level_path(client):
    make_page(seo_title="About the newsroom", seo_description="Who we are and how we work.")
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>About us</h1>" in html
    assert "<p>Who we are.</p>" in html
    assert "<title>About the newsroom | " in html
    assert 'content="Who we are and how we work."' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/about/">' in html


def test_child_page_lives_under_its_parent_with_a_breadcrumb(client):
    about = make_page()
    make_page(slug="team", title="Our team", parent=about)
    response = client.get("/about/team/")
    assert response.status_code == 200
    assert 'aria-label="Breadcrumb"' in response.content.decode()
    assert client.get("/team/").status_code == 404


def test_draft_page_is_not_public(client):
    make_page(status=Page.Status.DRAFT)
    assert client.get("/about/").status_code == 404


def test_draft_page_is_a_noindex_preview_for_staff_who_may_see_pages(client):
    make_page(status=Page.Status.DRAFT)
    client.force_login(StaffUserFactory(role="Editor"))
    response = client.get("/about/")
    assert response.status_code == 200
    assert b"noindex" in response.content and b"Preview" in response.content
    client.force_login(StaffUserFactory(role="Contributor"))
    assert client.get("/about/").status_code == 404


def test_unknown_path_is_a_404_not_an_error(client):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/a/b/c/d/e/").status_code == 404


def test_site_urls_win_over_the_catch_all(client):
    """Even a row written past the form's check can never shadow a site URL."""
    Page.objects.create(slug="search", title="Shadow", status=Page.Status.PUBLISHED)
    response = client.get("/search/")
    assert b"Shadow" not in response.content


def test_reserved_segments_come_from_the_urlconf():
    reserved = reserved_segments()
    assert {"admin", "search", "sections", "tags", "authors", "feed", "articles"} <= reserved
    assert {"static", "media", "corrections", "preview", "sitemap.xml"} <= reserved
    assert not is_reserved("about")
    assert is_reserved("Admin")


@pytest.mark.parametrize("slug", ["admin", "search", "sections", "tags", "static", "feed"])
def test_reserved_top_level_slug_is_refused(slug):
    page = Page(slug=slug, title="Mine")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "belongs to the site itself" in str(error.value.message_dict["slug"])


def test_reserved_word_is_fine_below_another_page():
    about = make_page()
    Page(slug="search", title="How we search", parent=about).full_clean()


def test_a_page_cannot_be_its_own_ancestor():
    top = make_page()
    middle = make_page(slug="middle", title="Middle", parent=top)
    bottom = make_page(slug="bottom", title="Bottom", parent=middle)
    top.parent = bottom
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "inside itself" in error.value.message_dict["parent"][0]
    top.parent = top
    with pytest.raises(ValidationError):
        top.full_clean()


def test_pages_nest_at_most_four_deep():
    parent = None
    for depth in range(4):
        parent = make_page(slug=f"level-{depth}", title=f"Level {depth}", parent=parent)
    with pytest.raises(ValidationError) as error:
        Page(slug="five", title="Five", parent=parent).full_clean()
    assert "at most 4" in error.value.message_dict["parent"][0]


def test_two_pages_cannot_share_a_path():
    make_page()
    with pytest.raises(ValidationError) as error:
        Page(slug="about", title="Again").full_clean()
    assert "already lives at /about/" in error.value.message_dict["slug"][0]


def test_renaming_a_page_redirects_it_and_its_children(client):
    about = make_page()
    make_page(slug="team", title="Our team", parent=about)
    about.slug = "who-we-are"
    about.save()
    assert Page.objects.get(slug="team").path == "who-we-are/team"
    response = client.get("/about/")
    assert response.status_code == 301 and response["Location"] == "/who-we-are/"
    response = client.get("/about/team/")
    assert response.status_code == 301 and response["Location"] == "/who-we-are/team/"
    assert client.get("/who-we-are/team/").status_code == 200
    assert Redirect.objects.filter(source=Redirect.Source.AUTOMATIC).count() == 2


def test_moving_a_page_back_leaves_no_loop(client):
    page = make_page()
    page.slug = "about-us"
    page.save()
    page.slug = "about"
    page.save()
    assert client.get("/about/").status_code == 200
    assert client.get("/about-us/").status_code == 301
    assert not Redirect.objects.filter(old_path="/about/").exists()


def test_page_is_cached_and_an_edit_shows_at_once(client):
    page = make_page()
    client.get("/about/")
    second = client.get("/about/")
    assert second.status_code == 200 and b"Who we are." in second.content
    page.body = "<p>We changed this.</p>"
    page.save()
    assert b"We changed this." in client.get("/about/").content
    page.status = Page.Status.DRAFT
    page.save()
    assert client.get("/about/").status_code == 404


def test_page_view_is_served_from_the_page_cache(client, django_assert_num_queries):
    make_page()
    client.get("/about/")
    with django_assert_num_queries(0):
        response = client.get("/about/")
    assert response.status_code == 200


@pytest.mark.parametrize("children", [1, 12])
def test_page_query_count_stays_flat(client, children):
    about = make_page()
    for number in range(children):
        make_page(slug=f"child-{number}", title=f"Child {number}", parent=about)
    assert queries_for(client, "/about/") <= 6
    assert queries_for(client, "/about/child-0/") <= 7


def test_body_is_sanitized_on_save(client):
    page = Page.objects.create(
        slug="x", title="X", status=Page.Status.PUBLISHED,
        body='<p onclick="steal()">Hi</p><script>alert(1)</script>',
    )  # fmt: skip
    page.refresh_from_db()
    assert page.body == "<p>Hi</p>"


def test_unicode_slug_page_is_served(client):
    make_page(slug="über-uns", title="Über uns")
    response = client.get("/%C3%BCber-uns/")
    assert response.status_code == 200


def test_published_pages_are_in_the_sitemap(client):
    make_page()
    make_page(slug="secret", title="Secret", status=Page.Status.DRAFT)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-pages.xml" in index
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "/about/</loc>" in sitemap and "<lastmod>" in sitemap
    assert "/secret/" not in sitemap
