"""robots.txt: crawlers kept out of private and endless areas, pointed at the sitemaps."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_and_lists_the_sitemaps(client, settings):
    settings.SITE_URL = "https://news.example"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for private in ["/admin/", "/search/", "/preview/"]:
        assert f"Disallow: {private}" in lines
    assert "Sitemap: https://news.example/sitemap.xml" in lines
    assert "Sitemap: https://news.example/sitemap-news.xml" in lines
    for line in lines:
        if line.startswith("Sitemap:"):
            path = line.split("https://news.example", 1)[1]
            assert client.get(path).status_code == 200
