"""Sitemaps checked as a crawler reads them: against an XML Schema of the elements we emit."""

from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from lxml import etree

from distribution.sitemaps import URLS_PER_SITEMAP, ArticleSitemap
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    SectionFactory,
)
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemap.xsd")))
SITE = "http://127.0.0.1:8000"


def fetch_valid(client, url: str) -> etree._Element:
    """GET a sitemap (absolute or relative URL), check it against the schema, return its root."""
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    response = client.get(path)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    assert "noindex" in response["X-Robots-Tag"]  # the files themselves stay out of results
    root = etree.fromstring(response.content)
    assert SCHEMA.validate(root), (url, SCHEMA.error_log)
    for value in root.xpath("//s:lastmod/text() | //news:publication_date/text()", namespaces=NS):
        parsed = datetime.fromisoformat(value)
        assert len(value) == 10 or parsed.tzinfo is not None, value
    for loc in root.xpath("//s:loc/text()", namespaces=NS):
        assert loc.startswith(f"{SITE}/"), loc
    return root


def all_locations(client) -> list[str]:
    """Every URL listed by every sitemap the index names."""
    index = fetch_valid(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    locations = []
    for sitemap_url in index.xpath("s:sitemap/s:loc/text()", namespaces=NS):
        locations += fetch_valid(client, sitemap_url).xpath("s:url/s:loc/text()", namespaces=NS)
    return locations


def test_index_lists_a_valid_sitemap_per_kind_of_page(client, article):
    index = fetch_valid(client, "/sitemap.xml")
    listed = index.xpath("s:sitemap/s:loc/text()", namespaces=NS)
    assert listed == [
        f"{SITE}/sitemap-site.xml",
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-sections.xml",
        f"{SITE}/sitemap-authors.xml",
        f"{SITE}/sitemap-tags.xml",
        f"{SITE}/sitemap-news.xml",
    ]
    locations = all_locations(client)
    assert f"{SITE}{article.get_absolute_url()}" in locations
    assert f"{SITE}{article.section.get_absolute_url()}" in locations
    assert f"{SITE}{article.byline_authors[0].get_absolute_url()}" in locations
    assert f"{SITE}/tags/privacy/" in locations
    assert {f"{SITE}/", f"{SITE}/corrections/", f"{SITE}/latest/"} <= set(locations)


def test_every_entry_with_a_date_has_a_lastmod(client):
    tech = SectionFactory(slug="technology")
    gaming = SectionFactory(slug="gaming", parent=tech)
    author = AuthorFactory()
    updated = timezone.now() - timedelta(minutes=7)
    newest = ArticleFactory(section=gaming, authors=[author], tags=["chips"], updated_at=updated)
    ArticleFactory(
        section=tech,
        authors=[author],
        tags=["chips"],
        published_at=timezone.now() - timedelta(days=2),
    )
    CorrectionFactory(article=newest)
    index = fetch_valid(client, "/sitemap.xml")
    for sitemap in index.xpath("s:sitemap", namespaces=NS):
        assert sitemap.findtext("s:lastmod", namespaces=NS), sitemap.findtext(
            "s:loc", namespaces=NS
        )
        for url in fetch_valid(client, sitemap.findtext("s:loc", namespaces=NS)).xpath(
            "s:url", namespaces=NS
        ):
            assert url.findtext("s:lastmod", namespaces=NS), url.findtext("s:loc", namespaces=NS)
    sections = fetch_valid(client, "/sitemap-sections.xml")
    lastmods = {
        url.findtext("s:loc", namespaces=NS): datetime.fromisoformat(
            url.findtext("s:lastmod", namespaces=NS)
        )
        for url in sections.xpath("s:url", namespaces=NS)
    }
    assert lastmods[f"{SITE}/sections/technology/"] == updated  # through its child section
    assert lastmods[f"{SITE}/sections/gaming/"] == updated


def test_a_section_without_stories_has_no_lastmod(client):
    SectionFactory(slug="empty")
    root = fetch_valid(client, "/sitemap-sections.xml")
    (url,) = root.xpath("s:url", namespaces=NS)
    assert url.find("s:lastmod", namespaces=NS) is None


def test_articles_carry_their_lead_image(client):
    with_image = ArticleFactory(lead_image=ImageFactory(size=(800, 600)))
    with_image.lead_image.make_renditions()
    without = ArticleFactory()
    root = fetch_valid(client, "/sitemap-articles.xml")
    images = {
        url.findtext("s:loc", namespaces=NS): url.xpath(
            "image:image/image:loc/text()", namespaces=NS
        )
        for url in root.xpath("s:url", namespaces=NS)
    }
    assert images[f"{SITE}{with_image.get_absolute_url()}"] == [
        f"{SITE}{with_image.lead_image.social_url()}"
    ]
    assert images[f"{SITE}{without.get_absolute_url()}"] == []


def test_article_lastmod_is_the_update_time_and_the_index_carries_the_latest(client):
    updated = timezone.now() - timedelta(minutes=5)
    ArticleFactory(published_at=timezone.now() - timedelta(days=3), updated_at=updated)
    ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    root = fetch_valid(client, "/sitemap-articles.xml")
    lastmods = [datetime.fromisoformat(v) for v in root.xpath("//s:lastmod/text()", namespaces=NS)]
    assert max(lastmods) == updated
    index = fetch_valid(client, "/sitemap.xml")
    assert datetime.fromisoformat(index.xpath("//s:lastmod/text()", namespaces=NS)[0]) == updated


def test_only_public_articles_and_the_pages_that_list_them_appear(client):
    lonely_author = AuthorFactory(slug="only-drafts")
    public = ArticleFactory(tags=["visible"])
    hidden = [
        ArticleFactory(draft=True, authors=[lonely_author], tags=["secret"]),
        ArticleFactory(scheduled=True, authors=[lonely_author], tags=["secret"]),
        ArticleFactory(status="unpublished", authors=[lonely_author], tags=["secret"]),
    ]
    locations = all_locations(client) + fetch_valid(client, "/sitemap-news.xml").xpath(
        "//s:loc/text()", namespaces=NS
    )
    assert f"{SITE}{public.get_absolute_url()}" in locations
    assert f"{SITE}/tags/visible/" in locations
    for article in hidden:
        assert f"{SITE}{article.get_absolute_url()}" not in locations
    assert f"{SITE}{lonely_author.get_absolute_url()}" not in locations
    assert f"{SITE}/tags/secret/" not in locations


def test_locations_use_the_canonical_site_whatever_the_host_header(client, article, settings):
    settings.ALLOWED_HOSTS = ["mirror.example"]
    settings.SITE_URL = "https://news.example"
    response = client.get("/sitemap-articles.xml", HTTP_HOST="mirror.example")
    locations = etree.fromstring(response.content).xpath("//s:loc/text()", namespaces=NS)
    assert locations == [f"https://news.example{article.get_absolute_url()}"]


def test_unicode_slugs_are_listed_percent_encoded(client):
    article = ArticleFactory(headline="Новости дня")
    locations = fetch_valid(client, "/sitemap-articles.xml").xpath("//s:loc/text()", namespaces=NS)
    assert locations == [
        f"{SITE}/articles/{article.pk}/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8-%D0%B4%D0%BD%D1%8F/"
    ]


def test_large_archives_are_split_into_pages_listed_by_the_index(client, monkeypatch):
    assert URLS_PER_SITEMAP <= 50_000
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [ArticleFactory() for _ in range(5)]
    index = fetch_valid(client, "/sitemap.xml")
    listed = index.xpath("s:sitemap/s:loc/text()", namespaces=NS)
    pages = [loc for loc in listed if "sitemap-articles.xml" in loc]
    assert pages == [
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-articles.xml?p=2",
        f"{SITE}/sitemap-articles.xml?p=3",
    ]
    seen = []
    for page in pages:
        urls = fetch_valid(client, page).xpath("s:url/s:loc/text()", namespaces=NS)
        assert len(urls) <= 2
        seen += urls
    assert sorted(seen) == sorted(f"{SITE}{a.get_absolute_url()}" for a in articles)


@pytest.mark.parametrize("page", ["4", "0", "x"])
def test_bad_sitemap_page_is_404(client, monkeypatch, page):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()
    assert client.get(f"/sitemap-articles.xml?p={page}").status_code == 404


def test_unknown_sitemap_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_has_the_last_two_days_with_every_news_element(client, settings):
    settings.SITE_NAME = "The Daily Example"
    settings.SITE_LANGUAGE = "en"
    fresh = ArticleFactory(headline="Council & mayor <agree>")
    old = ArticleFactory(published_at=timezone.now() - timedelta(hours=49))
    root = fetch_valid(client, "/sitemap-news.xml")
    urls = root.xpath("s:url", namespaces=NS)
    assert [url.findtext("s:loc", namespaces=NS) for url in urls] == [
        f"{SITE}{fresh.get_absolute_url()}"
    ]
    news = urls[0].find("news:news", namespaces=NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Daily Example"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Council & mayor <agree>"
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published == fresh.published_at
    assert f"{SITE}{old.get_absolute_url()}" not in etree.tostring(root).decode()


def test_index_leaves_out_empty_sitemaps(client):
    SectionFactory()
    listed = fetch_valid(client, "/sitemap.xml").xpath("s:sitemap/s:loc/text()", namespaces=NS)
    assert listed == [f"{SITE}/sitemap-site.xml", f"{SITE}/sitemap-sections.xml"]


def _archive(size: int) -> None:
    sections = [SectionFactory() for _ in range(3)]
    authors = [AuthorFactory() for _ in range(3)]
    image = ImageFactory()
    for n in range(size):
        ArticleFactory(
            section=sections[n % 3],
            authors=[authors[n % 3]],
            tags=[f"t{n % 4}"],
            lead_image=image,
        )


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-site.xml", "/sitemap-articles.xml", "/sitemap-sections.xml",
            "/sitemap-authors.xml", "/sitemap-tags.xml", "/sitemap-news.xml"],
)  # fmt: skip
def test_sitemap_query_count_does_not_grow_with_the_archive(client, url):
    _archive(3)
    small = queries_for(client, url)
    _archive(30)
    assert queries_for(client, url) == small
    assert small <= 17  # the index: a count and a latest change per sitemap (pages too)
