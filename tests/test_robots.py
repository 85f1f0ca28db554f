"""robots.txt: crawlers kept out of private areas, pointed at the sitemaps, and consistent with
the pages' own robots rules: a page that says `noindex` must be fetchable, or no crawler sees it.
"""

import json
import re
from urllib.robotparser import RobotFileParser

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_and_lists_the_sitemaps(client, settings):
    settings.SITE_URL = "https://news.example"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for private in ["/admin/", "/preview/"]:
        assert f"Disallow: {private}" in lines
    assert "Sitemap: https://news.example/sitemap.xml" in lines
    assert "Sitemap: https://news.example/sitemap-news.xml" in lines
    for line in lines:
        if line.startswith("Sitemap:"):
            path = line.split("https://news.example", 1)[1]
            assert client.get(path).status_code == 200


def _robots(client) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())
    return parser


def test_search_pages_are_fetchable_and_say_noindex(client):
    ArticleFactory(headline="Otters return to the river")
    robots = _robots(client)
    for url in ["/search/", "/search/?q=otters", "/search/?q=otters&section=zzz"]:
        assert robots.can_fetch("Googlebot", url), url
        html = client.get(url).content.decode()
        assert '<meta name="robots" content="noindex">' in html, url


def test_the_search_action_points_at_a_fetchable_url(client):
    ArticleFactory()
    html = client.get("/").content.decode()
    (website,) = [
        data
        for data in map(json.loads, re.findall(r'application/ld\+json">(.*?)</script>', html))
        if data["@type"] == "WebSite"
    ]
    template = website["potentialAction"]["target"]["urlTemplate"]
    target = template.replace("{search_term_string}", "x")
    assert _robots(client).can_fetch("Googlebot", target)
