"""What a page-cache miss of the article page costs, by what the miss finds in the caches.

    python bench/misses.py [--requests 300]      (after `make bench`: uses its database)

In-process (Django's test client, no HTTP server), CPU time of this process per request
(`time.process_time()` around each request), best of three rounds, on the article
`make bench` measures:

- ceiling: the bench's bare view returning 40 KB of fixed bytes, through the same middleware;
- hit: served from the page cache;
- miss, pieces warm: page cache off; the article's data and every widget are kept (a miss
  caused by a change elsewhere, such as a publish renewing the sidebar of every page);
- miss after an edit of the article: its own data and "More in" are retired before every
  request (the first view after an editor saves it), the shared widgets stay warm;
- the same, after the task queue made those pieces again (`articles.tasks.warm_article_page`,
  run after every edit of a public story; its CPU is the worker's, not counted here);
- the first view after an edit with the page cache on, before the queue's worker: the save
  claimed the page's render for the worker, so the reader is served the page from before the
  edit (the grace of `core.cache.grace`); the worker's render of the previous edit, which
  stores the page this view is served, is not counted;
- nothing cached: page and fragment caches off.

The database is PostgreSQL as `make bench` leaves it (1,000 or 100,000 articles), the cache
Redis db 1. Results are printed as Markdown and written to bench/RESULTS.md
("## Page-cache misses").
"""

import argparse
import datetime
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_perf_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SITE_URL", "http://testserver")  # the queue renders the client's URLs
os.environ["DEBUG"] = "0"


def cpu_ms_per_request(client, url: str, requests: int, before=None) -> float:
    """The reader's request only: what `before()` does (an edit, the queue's work) is not
    counted."""
    for _ in range(20):
        if before:
            before()
        if (status := client.get(url).status_code) != 200:
            sys.exit(f"{url} answered {status}")
    best = float("inf")
    for _ in range(3):
        spent = 0.0
        for _ in range(requests):
            if before:
                before()
            started = time.process_time()
            client.get(url)
            spent += time.process_time() - started
        best = min(best, spent * 1000 / requests)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article
    from articles.tasks import hold_article_page, warm_article_page
    from core.cache.tags import tag_for
    from core.cache.versions import bump

    article = Article.objects.published().newest_first().first()
    if article is None:
        sys.exit("No public article: run `make bench` first (it seeds the bench database).")
    url = article.get_absolute_url()
    client = Client()
    size = len(client.get(url).content)
    count = Article.objects.count()

    def edit() -> None:
        bump([tag_for(article)])

    def edit_then_warm() -> None:
        edit()
        warm_article_page.call(article.pk)  # what the queue's worker does after the save

    def edit_before_the_worker() -> None:
        warm_article_page.call(article.pk)  # the worker, after the previous edit
        bump([tag_for(article)], keeps_public=True)  # an edit of the public story...
        hold_article_page(article)  # ...claims its page for the queue, as the save does

    rows = [("ceiling (fixed 40 KB view)", "/bench/fixed/", {}, None)]
    rows += [
        ("hit (page cache)", url, {"PAGE_CACHE_ENABLED": True}, None),
        ("miss, pieces warm", url, {"PAGE_CACHE_ENABLED": False}, None),
        ("miss after an edit of the article", url, {"PAGE_CACHE_ENABLED": False}, edit),
        (
            "miss after an edit, pieces warmed by the queue",
            url,
            {"PAGE_CACHE_ENABLED": False},
            edit_then_warm,
        ),
        (
            "first view after an edit, page cache on, before the queue's worker",
            url,
            {"PAGE_CACHE_ENABLED": True},
            edit_before_the_worker,
        ),
        (
            "nothing cached",
            url,
            {"PAGE_CACHE_ENABLED": False, "FRAGMENT_CACHE_ENABLED": False},
            None,
        ),
    ]
    results = []
    for label, path, switches, before in rows:
        with override_settings(**{"FRAGMENT_CACHE_ENABLED": True, **switches}):
            results.append((label, cpu_ms_per_request(client, path, args.requests, before)))
            print(f"{label}: {results[-1][1]:.2f} ms", flush=True)

    ceiling = results[0][1]
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        "## Page-cache misses",
        "",
        f"Run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load}. Command: "
        f"`.venv/bin/python bench/misses.py --requests {args.requests}` after `make bench` "
        f"({count:,} articles; the article page is {size / 1024:.0f} KB). In-process (test "
        "client, no HTTP server): CPU time per request, best of three rounds of "
        f"{args.requests}. Cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}.",
        "",
        "| article page | CPU ms/request | vs ceiling |",
        "|---|---:|---:|",
    ]
    lines += [f"| {label} | {ms:.2f} | {ms / ceiling:.1f}× |" for label, ms in results]
    section = "\n".join(lines) + "\n"
    print(section)
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    pattern = re.compile(r"^## Page-cache misses\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text + "\n" + section
    path.write_text(text)


if __name__ == "__main__":
    main()
