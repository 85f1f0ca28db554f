"""What the public pages cost on one archive, next to the fixed-bytes ceiling, in-process.

    DATABASE_URL=postgres://... .venv/bin/python bench/archive_pages.py [--requests 100]
        [--explain]

For comparing archive sizes (1,000 against 1,000,000 articles): run it once per database in
the same session and compare each page's multiple of its own ceiling. Pages: home, the newest
public article, its top-level section, its first author and its first tag (as bench/run.py
picks them, without making the article a 40 KB page). Modes: cold (page and fragment caches
off), uncached (page cache off, fragments on) and cached (both on: page-cache hits).

Per request, best of three rounds (as bench/misses.py): the CPU time of this process
(`time.process_time()`), the CPU time of its PostgreSQL backend (/proc/<pid>/stat, readable
when the server runs on this machine as the same user or we are root; else "n/a") and the
wall time. The Redis database of REDIS_URL (default db 3) is flushed first: page-cache keys do
not say which database a page came from. `--explain` prints, for every query of every page
with nothing cached, the rows its plan read (EXPLAIN ANALYZE), and the plan of each that read
more than EXPLAIN_ROWS. Prints Markdown; writes nothing.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("CONN_MAX_AGE", "36000")  # one backend for the whole run: its CPU is read
os.environ["DEBUG"] = "0"

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MODES = {
    "cold": {"PAGE_CACHE_ENABLED": False, "FRAGMENT_CACHE_ENABLED": False},
    "uncached": {"PAGE_CACHE_ENABLED": False, "FRAGMENT_CACHE_ENABLED": True},
    "cached": {"PAGE_CACHE_ENABLED": True, "FRAGMENT_CACHE_ENABLED": True},
}
EXPLAIN_ROWS = 300


def backend_cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection

    for _ in range(10):
        if (status := client.get(url).status_code) != 200:
            sys.exit(f"{url} answered {status}")
    best = None
    for _ in range(3):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        db_before = backend_cpu_seconds(pid)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(requests):
            client.get(url)
        cpu = (time.process_time() - cpu) * 1000 / requests
        wall = (time.perf_counter() - wall) * 1000 / requests
        db_after = backend_cpu_seconds(pid)
        db = None if db_before is None or db_after is None else (db_after - db_before)
        run = {"cpu": cpu, "wall": wall, "db": None if db is None else db * 1000 / requests}
        if best is None or run["cpu"] < best["cpu"]:
            best = run
    return best


def rows_read(plan: dict) -> int:
    """Rows the scans of a plan produced or filtered out (all loops)."""
    total = 0
    if "Scan" in plan["Node Type"]:
        loops = plan.get("Actual Loops", 1)
        total += (plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)) * loops
        total += plan.get("Rows Removed by Index Recheck", 0) * loops
    return total + sum(rows_read(child) for child in plan.get("Plans", []))


def explain(urls: dict[str, str]) -> list[str]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    summaries, plans = [], []
    with override_settings(**MODES["cold"]):
        client = Client()
        for page, url in urls.items():
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            reads = []
            for query in captured:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                    data = cursor.fetchone()[0]
                plan = (json.loads(data) if isinstance(data, str) else data)[0]
                read = rows_read(plan["Plan"])
                reads.append(f"{read} rows/{plan['Execution Time']:.1f} ms")
                if read > EXPLAIN_ROWS:
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                        text = "\n".join(row[0] for row in cursor.fetchall())
                    plans += [f"#### {page}: {read} rows read", "", "```sql", sql, "```", "",
                              "```", text, "```", ""]  # fmt: skip
            summaries.append(f"- {page} ({len(captured)} queries): {', '.join(reads)}")
    return [*summaries, "", *plans]


def set_up_and_pick_pages() -> dict[str, str]:
    """Django set up, the bench's Redis database flushed, and the pages measured: home, the
    newest public article, its top-level section, its first author and its first tag."""
    import django

    django.setup()
    import redis

    from articles.models import Article

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    article = Article.objects.published().newest_first().first()
    if article is None:
        sys.exit("No public article: seed the database first (seed_bench).")
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
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    urls = set_up_and_pick_pages()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from articles.models import Article

    count = Article.objects.count()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    database = settings.DATABASES["default"]["NAME"]
    print(f"{database}: {count:,} articles, load average {load}; pages {urls}", flush=True)
    client = Client()
    lines = [
        f"### {database} ({count:,} articles)",
        "",
        f"Load average at the start: {load}. {args.requests} requests per round, best of 3. "
        "ms per request; × = multiple of the ceiling in the same mode.",
        "",
        "| mode | page | app CPU ms | × | DB CPU ms | wall ms | × |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for mode, switches in MODES.items():
        with override_settings(**switches):
            ceiling = measure(client, "/bench/fixed/", args.requests)
            rows = [("ceiling", ceiling)]
            for page, url in urls.items():
                rows.append((page, measure(client, url, args.requests)))
                run = rows[-1][1]
                print(f"  {mode:<8} {page:<8} {run}", flush=True)
        for page, run in rows:
            db = "n/a" if run["db"] is None else f"{run['db']:.2f}"
            lines.append(
                f"| {mode} | {page} | {run['cpu']:.2f} | {run['cpu'] / ceiling['cpu']:.1f}× "
                f"| {db} | {run['wall']:.2f} | {run['wall'] / ceiling['wall']:.1f}× |"
            )
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    lines += ["", f"Load average at the end: {load}.", ""]
    if args.explain:
        lines += ["Queries of each page with nothing cached (rows read / execution time):", ""]
        lines += explain(urls)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
