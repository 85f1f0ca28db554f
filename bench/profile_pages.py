"""Where a page's CPU goes with every cache empty: cProfile of in-process requests.

    python bench/profile_pages.py [--requests 50] [--sort tottime] [--top 25] [page ...]

Uses the database of DATABASE_URL (default: the `make bench` database) with the page and
fragment caches off, so each request queries, compiles and renders everything; pages are the
newest article, its section, first author and first tag, and the home page. Prints the
functions that cost most, per page.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_perf_bench")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["DEBUG"] = "0"
os.environ["PAGE_CACHE_ENABLED"] = "0"
os.environ["FRAGMENT_CACHE_ENABLED"] = "0"


def urls() -> dict[str, str]:
    from articles.models import Article

    article = Article.objects.published().newest_first().first()
    if article is None:
        sys.exit("No public article in this database: seed it first (seed_bench or seed_demo).")
    section = article.section.parent or article.section
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "author": article.byline_authors[0].get_absolute_url(),
        "tag": f"/tags/{article.tags.order_by('name').first().slug}/",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["article", "home"])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    client = Client()
    targets = urls()
    for page in args.pages:
        url = targets[page]
        for _ in range(5):  # warm: imports, template loading, connection
            if (status := client.get(url).status_code) != 200:
                sys.exit(f"{url} answered {status}")
        profile = cProfile.Profile(time.process_time)  # CPU, as the bench counts it
        profile.enable()
        for _ in range(args.requests):
            client.get(url)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        print(f"## {page} ({url}), {args.requests} requests")
        stats.sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
