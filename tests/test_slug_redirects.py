"""Renaming a slug keeps every old URL working with a 301, automatically."""

import pytest
from lxml import html as lxml_html
from taggit.models import Tag

from redirects.models import Redirect
from tests.factories import SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def assert_moved(client, old: str, new: str) -> None:
    """`old` answers one 301 straight to `new`, which is a live page."""
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(old, follow=True).status_code == 200


def test_renamed_section_redirects_its_front_and_feeds(client, article):
    section = article.section
    section.slug = "tech"
    section.save()
    assert_moved(client, "/sections/technology/", "/sections/tech/")
    assert_moved(client, "/sections/technology/feed/", "/sections/tech/feed/")
    assert_moved(client, "/sections/technology/feed/atom/", "/sections/tech/feed/atom/")
    assert set(Redirect.objects.values_list("source", flat=True)) == {"automatic"}


def test_renamed_author_redirects_profile_and_feeds(client, article):
    author = article.byline_authors[0]
    old = author.slug
    author.slug = "mara-quill"
    author.save()
    assert_moved(client, f"/authors/{old}/", "/authors/mara-quill/")
    assert_moved(client, f"/authors/{old}/feed/", "/authors/mara-quill/feed/")
    assert_moved(client, f"/authors/{old}/feed/atom/", "/authors/mara-quill/feed/atom/")


def test_renamed_tag_redirects_its_page_and_feeds(client, article):
    tag = Tag.objects.get(slug="privacy")
    tag.name, tag.slug = "Data privacy", "data-privacy"
    tag.save()
    assert_moved(client, "/tags/privacy/", "/tags/data-privacy/")
    assert_moved(client, "/tags/privacy/feed/", "/tags/data-privacy/feed/")
    assert_moved(client, "/tags/privacy/feed/atom/", "/tags/data-privacy/feed/atom/")


def test_query_string_is_kept_across_the_redirect(client, section):
    section.slug = "tech"
    section.save()
    response = client.get("/sections/technology/?page=1")
    assert response["Location"] == "/sections/tech/?page=1"


def test_two_renames_answer_the_newest_url_in_one_hop(client, section):
    for slug in ["tech", "technology-news"]:
        section.slug = slug
        section.save()
    assert_moved(client, "/sections/technology/", "/sections/technology-news/")
    assert_moved(client, "/sections/tech/", "/sections/technology-news/")


def test_renaming_back_leaves_no_loop(client, section):
    section.slug = "tech"
    section.save()
    section.slug = "technology"
    section.save()
    assert client.get("/sections/technology/").status_code == 200
    assert_moved(client, "/sections/tech/", "/sections/technology/")
    assert not Redirect.objects.filter(old_path="/sections/technology/").exists()


def test_unicode_slug_rename_redirects(client):
    section = SectionFactory(name="Наука", slug="наука")
    section.slug = "nauka"
    section.save()
    response = client.get("/sections/%D0%BD%D0%B0%D1%83%D0%BA%D0%B0/")
    assert response.status_code == 301
    assert response["Location"] == "/sections/nauka/"


def test_saving_without_a_slug_change_records_nothing(section):
    section.name = "Tech & Gadgets"
    section.save()
    SectionFactory(slug="brand-new")
    assert not Redirect.objects.exists()


def test_article_slug_and_section_changes_keep_the_old_url(client, article):
    old_url = article.get_absolute_url()
    article.slug = "a-better-slug"
    article.section = SectionFactory(slug="science")
    article.save()
    assert_moved(client, old_url, article.get_absolute_url())
    assert_moved(client, f"/articles/{article.pk}/", article.get_absolute_url())


def post_admin_form(client, url: str, changes: dict) -> None:
    """Submit the admin change form at `url` as a browser would, with `changes` typed in."""
    doc = lxml_html.fromstring(client.get(url).content)
    (form,) = doc.xpath("//form[substring(@id, string-length(@id) - 4) = '_form']")
    data = {
        name: value
        for name, value in form.form_values()
        if name not in {"_addanother", "_continue", "_save"}
    }
    data.update(changes, _save="Save")
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")


@pytest.mark.parametrize("kind", ["section", "author", "tag"])
def test_renaming_in_the_admin_keeps_old_links(client, article, kind):
    editor = UserFactory(is_superuser=True, is_staff=True)
    editor.save()  # UserFactory does not save after set_password, and that logs it out.
    client.force_login(editor)
    obj, admin_url, old, new = {
        "section": (
            article.section,
            "articles/section",
            "/sections/technology/",
            "/sections/tech/",
        ),
        "author": (article.byline_authors[0], "authors/author", None, "/authors/tech/"),
        "tag": (Tag.objects.get(slug="privacy"), "taggit/tag", "/tags/privacy/", "/tags/tech/"),
    }[kind]
    old = old or obj.get_absolute_url()
    post_admin_form(client, f"/admin/{admin_url}/{obj.pk}/change/", {"slug": "tech"})
    client.logout()
    assert_moved(client, old, new)
    assert_moved(client, f"{old}feed/atom/", f"{new}feed/atom/")
