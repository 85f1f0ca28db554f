"""SEO and social-card overrides: the page head, JSON-LD and OpenGraph use them, with fallbacks."""

import pytest
from django.contrib.auth.models import Group, Permission

from editorial.roles import ensure_roles
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, ImageFactory, StaffUserFactory
from tests.test_meta_tags import head, meta
from tests.test_structured_data import json_ld

pytestmark = pytest.mark.django_db
SITE = "http://127.0.0.1:8000"


def test_overrides_reach_title_description_cards_and_json_ld(client, section, author):
    lead, social = ImageFactory(size=(16, 9)), ImageFactory(size=(32, 18), alt_text="A ferry")
    article = ArticleFactory(
        headline="Council & mayor agree",
        standfirst="A deal at last.",
        section=section,
        authors=[author],
        lead_image=lead,
        seo_title="Budget deal agreed by council and mayor",
        meta_description="What the budget deal means for bus fares and libraries.",
        social_title="The budget deal, explained",
        social_description="Fares, libraries and parks: who gains.",
        social_image=social,
    )
    _, doc = head(client, article.get_absolute_url())
    assert doc.findtext("title") == "Budget deal agreed by council and mayor | Newsroom"
    assert meta(doc, "description") == ["What the budget deal means for bus fares and libraries."]
    assert meta(doc, "og:title") == meta(doc, "twitter:title") == ["The budget deal, explained"]
    assert meta(doc, "og:description") == ["Fares, libraries and parks: who gains."]
    assert meta(doc, "twitter:description") == ["Fares, libraries and parks: who gains."]
    assert meta(doc, "og:image") == [f"{SITE}{social.social_url()}"]
    assert meta(doc, "og:image:alt") == ["A ferry"]
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    assert data["headline"] == "Council & mayor agree"
    assert data["alternativeHeadline"] == "Budget deal agreed by council and mayor"
    assert data["description"] == "What the budget deal means for bus fares and libraries."
    assert data["image"][0]["url"] == f"{SITE}{lead.social_url()}"  # the story's own picture


def test_empty_overrides_fall_back_step_by_step(client, section, author):
    lead = ImageFactory(size=(16, 9))
    article = ArticleFactory(
        headline="Harbour reopens",
        standfirst="Ferries run again.",
        section=section,
        authors=[author],
        lead_image=lead,
        seo_title="Harbour reopens after storm repairs",
    )
    _, doc = head(client, article.get_absolute_url())
    assert doc.findtext("title") == "Harbour reopens after storm repairs | Newsroom"
    assert meta(doc, "description") == ["Ferries run again."]
    assert meta(doc, "og:title") == ["Harbour reopens after storm repairs"]  # SEO title next
    assert meta(doc, "og:description") == ["Ferries run again."]
    assert meta(doc, "og:image") == [f"{SITE}{lead.social_url()}"]
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    assert data["description"] == "Ferries run again."
    assert data["alternativeHeadline"] == "Harbour reopens after storm repairs"
    article.seo_title = ""
    article.save()
    data = json_ld(client, article.get_absolute_url())["NewsArticle"]
    assert "alternativeHeadline" not in data


def test_social_image_adds_no_query_to_the_article_page(
    client, section, author, django_assert_max_num_queries
):
    warm, plain = (
        ArticleFactory(section=section, authors=[author], lead_image=ImageFactory())
        for _ in range(2)
    )
    overridden = ArticleFactory(
        section=section, authors=[author], lead_image=ImageFactory(), social_image=ImageFactory()
    )
    client.get(warm.get_absolute_url())  # the shared widgets are kept from here on
    with django_assert_max_num_queries(30) as plain_queries:
        client.get(plain.get_absolute_url())
    with django_assert_max_num_queries(30) as overridden_queries:
        client.get(overridden.get_absolute_url())
    assert len(overridden_queries) == len(plain_queries)


def test_editor_saves_seo_fields_and_an_overlong_description_is_a_form_error(client, section):
    ensure_roles(Group, Permission)
    editor = StaffUserFactory(role="Editor")
    client.force_login(editor)
    article = ArticleFactory(section=section)
    response = client.post(
        change_url(article),
        article_post_data(article, seo_title="Short title", meta_description="x" * 321),
    )
    assert response.status_code == 200
    assert "at most 320 characters" in response.content.decode()
    response = client.post(
        change_url(article),
        article_post_data(article, seo_title="Short title", meta_description="Describes it."),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.seo_title, article.meta_description) == ("Short title", "Describes it.")
