"""Save every public page of the current database as files, to compare two releases byte for byte.

Run from the root of the checkout whose code should render the pages:

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 SECRET_KEY=x DEBUG=1 ALLOWED_HOSTS=localhost \
        .venv/bin/python bench/page_snapshot.py OUT

It asks only for paths (no URL names, which may differ between releases): home, every article,
section, tag and author page with their feeds, the corrections and search pages, the site feeds,
sitemaps and robots.txt, and a 404. The CSP nonce, new on every response, is blanked. Then
`diff -r OLD NEW` shows what changed. Each run gets a new, empty cache file (without
REDIS_URL), so both runs render everything.
"""

import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("REDIS_URL", "")
os.environ.setdefault("CACHE_FILE", str(Path(tempfile.mkdtemp()) / "cache.sqlite3"))
sys.path.insert(0, os.getcwd())

import django

django.setup()

from django.conf import settings  # noqa: E402

# DEBUG=1 keeps static files unhashed (no collectstatic needed); error pages are rendered as
# readers get them, not as Django's technical 404 page.
settings.DEBUG = False

from django.test import Client  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from authors.models import Author  # noqa: E402

NONCE = re.compile(rb'nonce="[^"]*"')


def paths() -> list[str]:
    found = ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt"]
    found += ["/corrections/", "/search/", "/search/?q=city", "/search/?q=%22the+city%22"]
    found += ["/no-such-page/"]
    for article in Article.objects.published().order_by("pk"):
        found.append(article.get_absolute_url())
    for section in Section.objects.order_by("pk"):
        url = section.get_absolute_url()
        found += [url, url + "feed/", url + "feed/atom/", url + "?page=2"]
        found.append(f"/sitemap-{section.slug}.xml")
    for author in Author.objects.order_by("pk"):
        url = author.get_absolute_url()
        found += [url, url + "feed/", url + "feed/atom/"]
    for tag in Tag.objects.order_by("pk"):
        found += [f"/tags/{tag.slug}/", f"/tags/{tag.slug}/feed/"]
    return found


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_HOST="localhost")
    for number, path in enumerate(paths()):
        response = client.get(path)
        body = NONCE.sub(b'nonce=""', response.content)
        name = f"{number:04d}-{re.sub(r'[^A-Za-z0-9]+', '_', path)[:80]}.txt"
        (out / name).write_bytes(f"{path} {response.status_code}\n".encode() + body)
    print(f"{number + 1} pages written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/page_snapshot.py OUTPUT_DIR")
    main(Path(sys.argv[1]))
