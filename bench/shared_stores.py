"""Which store should the workers of one server share without Redis? Reads, timed in-process.

    python bench/shared_stores.py [--reads 2000]

For each candidate (the SQLite cache file, Django's FileBasedCache, Django's DatabaseCache on
the database of DATABASE_URL, and Redis when BENCH_REDIS_URL answers, for comparison): the
get_many of the 4 version tokens a page hit checks, and the get of a 45 KB page entry. Prints
microseconds per read (median of five rounds); docs/performance.md quotes the result.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ["DEBUG"] = "0"


def per_read_us(read, reads: int) -> float:
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(reads):
            read()
        rounds.append((time.perf_counter() - started) * 1e6 / reads)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=2000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsroom-stores-"))
    candidates = {
        "SQLite file (core.cache.sqlite)": {
            "BACKEND": "core.cache.sqlite.SQLiteCache",
            "LOCATION": str(folder / "cache.sqlite3"),
        },
        "FileBasedCache": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder / "files"),
        },
        "DatabaseCache": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "bench_shared_store_cache",
        },
    }
    if os.environ.get("BENCH_REDIS_URL"):
        candidates["Redis (core.cache.backends)"] = {
            "BACKEND": "core.cache.backends.TolerantRedisCache",
            "LOCATION": os.environ["BENCH_REDIS_URL"],
        }
    from django.conf import settings

    settings.CACHES = {"default": settings.CACHES["default"], **candidates}
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command

    call_command("createcachetable", "bench_shared_store_cache", verbosity=0)
    tokens = [f"pagever:tag{number}" for number in range(4)]
    page = os.urandom(45_000)
    print("| store | 4 tokens (get_many) µs | 45 KB page (get) µs |\n|---|---:|---:|")
    for name in candidates:
        cache = caches[name]
        cache.set_many(dict.fromkeys(tokens, "a" * 32), timeout=None)
        cache.set("page", page, timeout=None)
        if len(cache.get_many(tokens)) != 4 or cache.get("page") != page:
            sys.exit(f"{name} did not return what was stored")
        token_us = per_read_us(lambda cache=cache: cache.get_many(tokens), args.reads)
        page_us = per_read_us(lambda cache=cache: cache.get("page"), args.reads // 4)
        print(f"| {name} | {token_us:.0f} | {page_us:.0f} |", flush=True)
        cache.clear()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_shared_store_cache")


if __name__ == "__main__":
    main()
