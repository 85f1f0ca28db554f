"""What a list page costs by how far back it is: page 1, 11, 51 and 303 of a section, a tag
and an author, in-process.

    DATABASE_URL=postgres://... .venv/bin/python bench/list_depth.py [--requests 5]
        [--pages 1 11 51 303]

The lists are those bench/archive_pages.py picks (the newest article's top-level section, its
first tag and first author), on a database seeded by `seed_bench` (a million articles gives a
section some 6,000 pages). The page cache is off and fragments are on, so the list's counts
are kept as on a busy site and each request runs the page's own query and renders it. Per
page: app CPU, PostgreSQL backend CPU and wall ms per request, best of three rounds (as
archive_pages.measure). Prints Markdown; writes nothing.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive_pages import measure, set_up_and_pick_pages  # noqa: E402 (sets the env first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 11, 51, 303])
    args = parser.parse_args()

    pages = set_up_and_pick_pages()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article

    lists = {name: pages[name] for name in ("section", "tag", "author")}
    database = settings.DATABASES["default"]["NAME"]
    print(f"### {database} ({Article.objects.count():,} articles): lists {lists}", flush=True)
    print(f"\n{args.requests} requests per round, best of 3; ms per request.\n")
    print("| list | page | app CPU | DB CPU | wall |\n|---|---:|---:|---:|---:|")
    client = Client()
    with override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=True):
        for name, base in lists.items():
            for page in args.pages:
                url = f"{base}?page={page}"
                if (status := client.get(url).status_code) != 200:
                    print(f"| {name} | {page} | {status} | | |", flush=True)
                    continue
                run = measure(client, url, args.requests)
                db = "n/a" if run["db"] is None else f"{run['db']:.1f}"
                print(f"| {name} | {page} | {run['cpu']:.1f} | {db} | {run['wall']:.1f} |",
                      flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
