"""Weight budgets: the CSS and JavaScript every public page loads stay small once compressed.

Budgets (issue 10): CSS under 20 KB and JavaScript under 10 KB, gzip-compressed, summed over
everything a page links. WhiteNoise serves the same files pre-compressed in production.
"""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.public_pages import public_page_urls, seed_demo_site

CSS_BUDGET = 20 * 1024
JS_BUDGET = 10 * 1024
STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*\bhref=\"([^\"]+)\"")
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"")


def gzipped_size(static_url: str) -> int:
    relative = re.sub(r"^/static/", "", static_url.split("?")[0])
    path = finders.find(relative)
    assert path, f"{static_url} is not one of our static files"
    with open(path, "rb") as handle:
        return len(gzip.compress(handle.read(), compresslevel=9))


@pytest.mark.django_db
def test_each_page_loads_under_20_kb_of_css_and_10_kb_of_javascript(client):
    seed_demo_site()
    for name, url in public_page_urls().items():
        html = client.get(url).content.decode()
        stylesheets = STYLESHEET.findall(html)
        assert stylesheets, f"{name} links no stylesheet"
        css = sum(gzipped_size(href) for href in stylesheets)
        js = sum(gzipped_size(src) for src in SCRIPT.findall(html))
        assert css < CSS_BUDGET, f"{name}: {css} bytes of gzipped CSS"
        assert js < JS_BUDGET, f"{name}: {js} bytes of gzipped JavaScript"


def test_all_our_static_css_and_javascript_together_stay_in_budget():
    """Even a file no page links yet counts: budgets are for what we ship."""
    totals = {".css": 0, ".js": 0}
    for folder in settings.STATICFILES_DIRS:
        for path in Path(folder).rglob("*"):
            if path.suffix in totals:
                totals[path.suffix] += len(gzip.compress(path.read_bytes(), compresslevel=9))
    assert totals[".css"] > 0
    assert totals[".css"] < CSS_BUDGET, totals
    assert totals[".js"] < JS_BUDGET, totals


@pytest.mark.django_db
def test_the_first_image_of_home_and_article_loads_eagerly_with_high_priority(client):
    """The first image is the likely Largest Contentful Paint: lazy-loading it delays the page."""
    seed_demo_site()
    pages = public_page_urls()
    for name in ("home", "article"):
        html = client.get(pages[name]).content.decode()
        first_image = re.search(r"<img\b[^>]*>", html).group(0)
        assert 'fetchpriority="high"' in first_image, name
        assert 'loading="lazy"' not in first_image, name
        assert html.count('fetchpriority="high"') == 1, name
