"""Titles, descriptions, canonical links, robots rules and social cards in the page head."""

import pytest
from lxml import html as lxml_html

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def head(client, url: str):
    response = client.get(url)
    return response, lxml_html.fromstring(response.content).find("head")


def meta(doc, key: str) -> list[str]:
    return doc.xpath(f"meta[@property='{key}' or @name='{key}']/@content")


def canonical(doc) -> list[str]:
    return doc.xpath("link[@rel='canonical']/@href")


def test_article_head_has_title_description_canonical_and_cards(client, section, author):
    article = ArticleFactory(
        headline="Council & mayor agree",
        standfirst="A deal at last.",
        section=section,
        authors=[author, AuthorFactory(slug="ravi")],
        tags=["budget", "city"],
        lead_image=ImageFactory(size=(16, 9), alt_text="The council chamber"),
    )
    _, doc = head(client, article.get_absolute_url() + "?utm_source=x")
    url = f"{SITE}{article.get_absolute_url()}"
    assert doc.findtext("title") == "Council & mayor agree | Newsroom"
    assert meta(doc, "description") == ["A deal at last."]
    assert canonical(doc) == [url]
    assert meta(doc, "og:type") == ["article"]
    assert meta(doc, "og:url") == [url]
    assert meta(doc, "og:title") == ["Council & mayor agree"]
    assert meta(doc, "og:description") == ["A deal at last."]
    assert meta(doc, "article:published_time") == [article.published_at.isoformat()]
    assert meta(doc, "article:modified_time") == [article.published_at.isoformat()]
    assert meta(doc, "article:section") == ["Technology"]
    assert meta(doc, "article:tag") == ["budget", "city"]
    assert meta(doc, "article:author") == [
        f"{SITE}{author.get_absolute_url()}",
        f"{SITE}/authors/ravi/",
    ]
    assert meta(doc, "og:image") == [f"{SITE}{article.lead_image.social_url()}"]
    assert meta(doc, "og:image:width") == ["16"]
    assert meta(doc, "og:image:alt") == ["The council chamber"]
    assert meta(doc, "twitter:card") == ["summary_large_image"]
    assert meta(doc, "twitter:image") == [f"{SITE}{article.lead_image.social_url()}"]
    assert meta(doc, "robots") == []


def test_article_without_image_gets_a_summary_card(client, article):
    _, doc = head(client, article.get_absolute_url())
    assert meta(doc, "twitter:card") == ["summary"]
    assert meta(doc, "og:image") == []


def test_twitter_site_handle_comes_from_settings(client, article, settings):
    settings.TWITTER_SITE = "@newsroom"
    for url in ["/", article.get_absolute_url()]:
        assert meta(head(client, url)[1], "twitter:site") == ["@newsroom"]


def test_listing_pages_have_their_own_title_canonical_and_cards(client, article):
    author = article.byline_authors[0]
    pages = {
        "/": ("Newsroom", "website"),
        "/sections/technology/": ("Technology", "website"),
        author.get_absolute_url(): ("Mara Quill", "profile"),
        "/tags/privacy/": ("privacy", "website"),
    }
    for url, (title, og_type) in pages.items():
        _, doc = head(client, url)
        assert canonical(doc) == [f"{SITE}{url}"]
        assert meta(doc, "og:title") == [title]
        assert meta(doc, "og:type") == [og_type]
        assert meta(doc, "og:url") == [f"{SITE}{url}"]
        assert meta(doc, "twitter:card") == ["summary"]
        assert len(meta(doc, "description")) == 1 and meta(doc, "description")[0]
        assert meta(doc, "robots") == []


def test_pages_beyond_the_first_are_noindex_with_their_own_canonical(client, section):
    for _ in range(21):
        ArticleFactory(section=section)
    _, first = head(client, "/sections/technology/?page=1")
    assert canonical(first) == [f"{SITE}/sections/technology/"]
    assert meta(first, "robots") == []
    _, second = head(client, "/sections/technology/?page=2&utm_campaign=x")
    assert canonical(second) == [f"{SITE}/sections/technology/?page=2"]
    assert meta(second, "robots") == ["noindex, follow"]


def test_error_pages_are_noindex_without_canonical(client):
    response, doc = head(client, "/sections/missing/")
    assert response.status_code == 404
    assert meta(doc, "robots") == ["noindex"]
    assert canonical(doc) == []


def test_unicode_paths_are_percent_encoded_in_the_canonical(client):
    article = ArticleFactory(headline="Новости")
    _, doc = head(client, article.get_absolute_url())
    encoded = "%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"  # "новости", as reverse() gives it
    assert article.get_absolute_url() == f"/articles/{article.pk}/{encoded}/"
    assert canonical(doc) == [f"{SITE}/articles/{article.pk}/{encoded}/"]
