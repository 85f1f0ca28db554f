"""Slugs are never empty: a name or tag with no letter or digit still gets a usable URL."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from taggit.models import Tag

from articles.models import Article, Section
from authors.models import Author
from core.slugs import slug_from, unique_slug
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SYMBOL_NAMES = {"#": "number-sign", "!!!": "exclamation-mark", "😀": "grinning-face"}


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "slug"), SYMBOL_NAMES.items())
def test_a_tag_without_letters_or_digits_gets_a_readable_slug_and_a_page(client, name, slug):
    article = ArticleFactory()
    article.tags.add(name)
    article.save()  # failed with NoReverseMatch for slug '' before
    assert Tag.objects.get(name=name).slug == slug
    assert client.get(f"/tags/{slug}/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_article_admin_saves_an_article_tagged_with_symbols(admin_client):
    article = ArticleFactory()
    response = admin_client.post(change_url(article), article_post_data(article, tags="#, 😀"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(Article.objects.get(pk=article.pk).tags.values_list("slug", flat=True)) == {
        "number-sign",
        "grinning-face",
    }


def test_tags_whose_names_read_alike_get_distinct_slugs():
    ArticleFactory().tags.add("!!!", "!", "?!")
    Tag.objects.create(name="\u200b")
    Tag.objects.create(name="\u200b\u200b")
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs["!!!"] == "exclamation-mark"
    assert slugs["!"] == "exclamation-mark-2"
    assert slugs["?!"] == "question-mark-exclamation-mark"
    assert {slugs["\u200b"], slugs["\u200b\u200b"]} == {"tag", "tag-2"}


def test_a_tag_with_a_chosen_slug_keeps_it():
    assert Tag.objects.create(name="#", slug="hashtag").slug == "hashtag"


def test_ordinary_names_keep_taggits_slugs():
    ArticleFactory().tags.add("Data protection", "Café", "中文")
    assert set(Tag.objects.values_list("slug", flat=True)) == {"data-protection", "café", "中文"}


@pytest.mark.parametrize(("name", "slug"), SYMBOL_NAMES.items())
def test_a_section_named_with_symbols_only_gets_a_slug_from_the_admin(admin_client, name, slug):
    response = admin_client.post(
        "/admin/articles/section/add/",
        {"name": name, "slug": "", "position": 0, "show_in_navigation": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    section = Section.objects.get(name=name)
    assert section.slug == slug
    assert admin_client.get(section.get_absolute_url()).status_code == 200


def test_a_second_section_with_the_same_symbol_name_gets_the_next_slug(admin_client):
    for _ in range(2):
        admin_client.post("/admin/articles/section/add/", {"name": "😀", "position": 0})
    assert sorted(Section.objects.values_list("slug", flat=True)) == [
        "grinning-face",
        "grinning-face-2",
    ]


def test_a_typed_slug_is_still_validated(admin_client):
    response = admin_client.post(
        "/admin/articles/section/add/", {"name": "News", "slug": "a/b", "position": 0}
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


@pytest.mark.parametrize(("name", "slug"), SYMBOL_NAMES.items())
def test_an_author_named_with_symbols_only_gets_a_slug_from_the_admin(admin_client, name, slug):
    response = admin_client.post("/admin/authors/author/add/", {"name": name, "slug": ""})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Author.objects.get(name=name).slug == slug


def test_an_author_saved_in_code_without_a_slug_gets_one():
    first, second = Author.objects.create(name="😀"), Author.objects.create(name="😀")
    assert (first.slug, second.slug) == ("grinning-face", "grinning-face-2")
    assert Author.objects.create(name="   ").slug == "author"


def test_article_slugs_from_symbol_headlines_are_not_empty():
    assert ArticleFactory(headline="!!!", slug="").slug


def test_a_long_name_leaves_room_for_the_number():
    Section.objects.create(name="x", slug="a" * 80)
    assert unique_slug(Section.objects.all(), "a" * 200, 80, "section") == "a" * 78 + "-2"


def test_slug_from_skips_skin_tone_modifiers_and_repeats():
    assert slug_from("👍🏽👍🏽") == "thumbs-up-sign"
    assert slug_from("") == ""


def test_the_migration_gives_stored_empty_slugs_a_value():
    from importlib import import_module

    migration = import_module("articles.migrations.0009_tags_never_have_an_empty_slug")
    Tag.objects.bulk_create([Tag(name="#", slug=""), Tag(name="number-sign", slug="number-sign")])
    migration.give_empty_slugs_a_value(apps, SimpleNamespace(connection=connection))
    assert Tag.objects.get(name="#").slug == "number-sign-2"
