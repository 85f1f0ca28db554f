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


# Loaded only by the admin (the editor, the article form, the desk, focal points, the live
# desk): readers never download them, so they have a budget of their own.
ADMIN_ONLY = ("editorial/", "richtext/", "desk/", "images/", "liveblog/desk.css")
ADMIN_JS_BUDGET = 30 * 1024


def test_all_our_static_css_and_javascript_together_stay_in_budget():
    """Even a file no page links yet counts: budgets are for what we ship to readers, and
    the admin's own files have theirs."""
    public = {".css": 0, ".js": 0}
    admin = {".css": 0, ".js": 0}
    for folder in settings.STATICFILES_DIRS:
        for path in Path(folder).rglob("*"):
            if path.suffix in public:
                size = len(gzip.compress(path.read_bytes(), compresslevel=9))
                relative = path.relative_to(folder).as_posix()
                totals = admin if relative.startswith(ADMIN_ONLY) else public
                totals[path.suffix] += size
    assert public[".css"] > 0
    assert public[".css"] < CSS_BUDGET, public
    assert public[".js"] < JS_BUDGET, public
    assert admin[".js"] < ADMIN_JS_BUDGET, admin


@pytest.mark.django_db
def test_no_public_page_loads_an_admin_only_file(client):
    seed_demo_site()
    for name, url in public_page_urls().items():
        html = client.get(url).content.decode()
        assert not any(f"/static/{prefix}" in html for prefix in ADMIN_ONLY), name


@pytest.mark.django_db
def test_the_first_image_of_home_and_article_loads_eagerly_with_high_priority(client):
    """The first image is the likely Largest Contentful Paint: lazy-loading it delays the page."""
    seed_demo_site()
    pages = public_page_urls()
    for name in ("home", "article"):
        html = client.get(pages[name]).content.decode()
        main = html[html.index("<main") :]  # the header's logo is small and not the LCP
        first_image = re.search(r"<img\b[^>]*>", main).group(0)
        assert 'fetchpriority="high"' in first_image, name
        assert 'loading="lazy"' not in first_image, name
        assert html.count('fetchpriority="high"') == 1, name
