import pytest
from lxml import etree

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_feed_lists_only_public_stories(client):
    public = ArticleFactory(headline="Public story")
    ArticleFactory(draft=True, headline="Draft story")
    ArticleFactory(scheduled=True, headline="Scheduled story")
    response = client.get("/feed/")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    titles = root.xpath("//item/title/text()")
    assert titles == ["Public story"]
    assert root.xpath("//item/link/text()")[0].endswith(public.get_absolute_url())


def test_sitemap_lists_only_public_articles(client):
    public = ArticleFactory()
    draft = ArticleFactory(draft=True)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = etree.fromstring(response.content).xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert any(loc.endswith(public.get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(draft.get_absolute_url()) for loc in locations)
    assert any(loc.endswith(public.section.get_absolute_url()) for loc in locations)


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
