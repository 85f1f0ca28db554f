"""Live blog update checks against the bare-Django ceiling, in the same run (docs/liveblogs.md).

Seeds a live blog with a dozen entries in PostgreSQL, starts gunicorn (2 sync workers, DEBUG
off, Redis cache, page cache on) and measures with wrk, each right after its own ceiling run:

- nothing new, conditional: `/live/<id>/after/<latest>/` with the `If-None-Match` a polling
  reader sends (answered 304): what nearly every poll is;
- nothing new, unconditional: the same without the ETag (200, an empty list);
- one new entry: `/live/<id>/after/<latest - 1>/` (200 with the entry's HTML), as every reader
  gets it once after a post; and the same with the page cache off (every request renders: the
  cost of the first reader after a post).

CPU per request is read from /proc/<pid>/stat of the workers, as in bench/run.py. The result
replaces the "## Live blog update check" section of bench/RESULTS.md.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import sys
import urllib.request
from pathlib import Path

from bench.run import (
    ROOT,
    environment,
    flush_cache,
    manage,
    recreate_database,
    start_server,
    stop_server,
    wrk,
)

SEED = """
import json
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Byline, Section
from authors.models import Author
from liveblog.models import Entry, LiveBlog
section = Section.objects.create(name="Science", slug="science")
author = Author.objects.create(name="Bench Writer", slug="bench-writer")
article = Article.objects.create(
    headline="Bench storm: live updates", slug="bench-storm", section=section,
    body="<p>Live coverage for the benchmark.</p>", status=Article.Status.PUBLISHED,
    published_at=timezone.now() - timedelta(hours=3),
)
Byline.objects.create(article=article, author=author)
blog = LiveBlog.objects.create(article=article, key_points="One\\nTwo\\nThree")
for number in range(12):
    entry = Entry.objects.create(
        live_blog=blog, author=author,
        body=f"<p>Update {number}: " + "the tide gauge reads higher again. " * 8 + "</p>",
    )
    entry.publish()
blog.refresh_from_db()
print(json.dumps({"pk": blog.pk, "latest": blog.last_number}))
"""

SECTION = "## Live blog update check"


def etag_of(port: int, path: str) -> str:
    """The ETag a reader's browser keeps (asked without gzip, as wrk asks)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
        return response.headers["ETag"]


def measure(args, env: dict[str, str], blog: dict) -> dict:
    latest, pk = blog["latest"], blog["pk"]
    nothing_new = f"/live/{pk}/after/{latest}/"
    one_new = f"/live/{pk}/after/{latest - 1}/"
    runs = {}
    modes = {"cached": {"PAGE_CACHE_ENABLED": "1"}, "uncached": {"PAGE_CACHE_ENABLED": "0"}}
    for mode, switches in modes.items():
        flush_cache(args.redis_url)
        server = start_server(env, args.port, switches)
        try:
            cases = {"one new entry": (one_new, None)}
            if mode == "cached":
                etag = etag_of(args.port, nothing_new)
                cases = {
                    "nothing new (304)": (nothing_new, {"If-None-Match": etag}),
                    "nothing new (200)": (nothing_new, None),
                    **cases,
                }
            for name, (path, headers) in cases.items():
                ceiling = wrk(args, server, "/bench/fixed/")
                result = wrk(args, server, path, headers)
                runs[f"{name}, {mode}"] = {**result, "ceiling": ceiling, "path": path}
                print(f"  {name}, {mode}: {result} (ceiling {ceiling['cpu_ms']:.3f} ms)")
        finally:
            stop_server(server)
    return runs


def report(args, runs: dict) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    lines = [
        SECTION,
        "",
        f"- Date: {now}. Machine: {platform.machine()}, {os.cpu_count()} cores shared with other "
        f"jobs (load average at the end: {load}); numbers move by ±20% between runs, ratios less.",
        "- Command: `.venv/bin/python -m bench.liveblog_bench` (gunicorn 2 sync workers, DEBUG "
        f"off, PostgreSQL, Redis; wrk -t{args.threads} -c{args.connections} -d{args.duration}s). "
        "Each case is measured right after its own ceiling run (`/bench/fixed/`, bare Django "
        "returning 40 KB); CPU per request is the workers' user+system time divided by requests.",
        "- Targets (issue 22): nothing new ≤ 1.5× the ceiling's CPU per request; one new "
        "entry ≤ 5×.",
        "",
        "| case | req/s | p50 ms | p99 ms | CPU ms/req | ceiling CPU ms/req | × ceiling |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, run in runs.items():
        ratio = run["cpu_ms"] / run["ceiling"]["cpu_ms"]
        lines.append(
            f"| {name} | {run['rps']:.0f} | {run['p50']:.2f} | {run['p99']:.2f} | "
            f"{run['cpu_ms']:.3f} | {run['ceiling']['cpu_ms']:.3f} | {ratio:.2f}× |"
        )
    lines += [
        "",
        '"cached" is the page cache on (production); "uncached" renders every request (two '
        "queries and the entry template): what the first reader after a post pays.",
        "",
    ]
    return "\n".join(lines)


def write_results(section: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    pattern = re.compile(rf"^{SECTION}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text + "\n" + section
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_liveblog_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8151")))
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it (Debian: apt-get install -y wrk).")
    env = environment(args)
    recreate_database(args.database_url)
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    blog = json.loads(manage(env, "shell", "-c", SEED).splitlines()[-1])
    runs = measure(args, env, blog)
    section = report(args, runs)
    print(section)
    write_results(section)


if __name__ == "__main__":
    main()
