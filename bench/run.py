"""Page benchmark against the bare-Django ceiling (`make bench`; docs/performance.md).

For each archive size: seed PostgreSQL with `seed_bench`, count the queries of each page,
then start gunicorn (2 sync workers, DEBUG off, Redis cache, or the SQLite cache file that
`make serve` uses without REDIS_URL) once per cache mode (see MODES),
and measure with wrk: the fixed-bytes ceiling view, then the home, article,
section, author and tag pages. CPU per request comes from /proc/<pid>/stat of the workers.
Results are printed and written to bench/RESULTS.md under "## Performance".
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGES = ["home", "article", "section", "author", "tag"]
# cached: page cache hits. uncached: the page cache is off, the widget fragments stay cached
# (what a page-cache miss costs in production). cold: no cache at all (every query, every render).
# "-noredis": the same without REDIS_URL, as `make serve` starts by default (the workers share
# the SQLite cache file, core/cache/sqlite.py).
MODES = {
    "cached": {"PAGE_CACHE_ENABLED": "1", "FRAGMENT_CACHE_ENABLED": "1"},
    "cached-noredis": {"PAGE_CACHE_ENABLED": "1", "FRAGMENT_CACHE_ENABLED": "1", "REDIS_URL": ""},
    "uncached-noredis": {"PAGE_CACHE_ENABLED": "0", "FRAGMENT_CACHE_ENABLED": "1", "REDIS_URL": ""},
    "uncached": {"PAGE_CACHE_ENABLED": "0", "FRAGMENT_CACHE_ENABLED": "1"},
    "cold": {"PAGE_CACHE_ENABLED": "0", "FRAGMENT_CACHE_ENABLED": "0"},
}
RAW_RESULTS = ROOT / "bench" / "performance.json"

# The measured article is made a full reference page (DESIGN.md): a lead image and a long body,
# so that the page weighs about 40 KB, like the pages the figures were measured on.
PREPARE_ARTICLE = """
import io, random
from django.core.files.base import ContentFile
from PIL import Image as Picture
from demo.management.commands.seed_bench import TextGenerator
from articles.models import Article
from images.models import Image
article = Article.objects.published().newest_first().first()
text = TextGenerator(random.Random(40))
parts = [article.body]
while sum(map(len, parts)) < 24_000:
    parts.append(text.body())
article.body = "\\n".join(parts)
if article.lead_image is None:
    buffer = io.BytesIO()
    Picture.new("RGB", (1600, 900), "steelblue").save(buffer, "JPEG")
    article.lead_image = Image.from_upload(
        ContentFile(buffer.getvalue(), name="bench-lead.jpg"),
        alt_text="A steel-blue test picture", caption="The bench's lead image.", credit="Bench",
    )
article.save()
"""

PICK_URLS = """
import json
from articles.models import Article
article = Article.objects.published().newest_first().first()
section = article.section.parent or article.section
print(json.dumps({
    "home": "/",
    "article": article.get_absolute_url(),
    "section": section.get_absolute_url(),
    "author": article.byline_authors[0].get_absolute_url(),
    "tag": article.tags.order_by("name").first().slug,
}))
"""

COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
urls = URLS
client = Client()
counts = {}
for name, url in urls.items():
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    counts[name] = [len(captured), len(response.content)]
print(json.dumps(counts))
"""


def environment(args) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        # Worker recycling would change the PIDs whose CPU time we read.
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_MAX_REQUESTS_JITTER": "0",
        "LOG_LEVEL": "WARNING",
        # Used by the "-noredis" modes only (REDIS_URL empty).
        "CACHE_FILE": str(cache_file(args)),
    }


def cache_file(args) -> Path:
    return Path(tempfile.gettempdir()) / f"newsroom-bench-cache-{args.port}.sqlite3"


def manage(env: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
    return result.stdout


def recreate_database(url: str) -> None:
    """Start from an empty bench database: faster than deleting 100,000 articles one by one
    (each deletion invalidates caches). Only ever touches the bench database."""
    name = url.rsplit("/", 1)[-1]
    if "bench" not in name:
        sys.exit(f"refusing to recreate {name}: the bench database name must contain 'bench'")
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def flush_cache(args) -> None:
    """Empty both caches: Redis, and the SQLite file of the "-noredis" modes."""
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{cache_file(args)}{suffix}").unlink(missing_ok=True)


def start_server(
    env: dict[str, str], port: int, switches: dict[str, str], root: Path = ROOT
) -> subprocess.Popen:
    """gunicorn of the checkout `root` (its own .venv) on `port`, once its workers are up."""
    server = subprocess.Popen(
        [str(root / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "newsroom.wsgi"],
        cwd=root,
        env={**env, **switches},
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.2)
            continue
        while len(worker_pids(server.pid)) < int(env["WEB_CONCURRENCY"]):
            time.sleep(0.2)
        return server
    stop_server(server)
    sys.exit("gunicorn did not start")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def worker_pids(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if match is None:
        raise ValueError(f"unexpected wrk latency {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]


def wrk(args, server: subprocess.Popen, path: str, headers: dict[str, str] | None = None) -> dict:
    url = f"http://127.0.0.1:{args.port}{path}"
    base = ["wrk", f"-t{args.threads}", f"-c{args.connections}", "--latency", "--timeout", "30s"]
    for name, value in (headers or {}).items():
        base += ["-H", f"{name}: {value}"]
    subprocess.run([*base, "-d2s", url], capture_output=True, check=True)  # warm up
    pids = worker_pids(server.pid)
    before = cpu_ticks(pids)
    output = subprocess.run(
        [*base, f"-d{args.duration}s", url], capture_output=True, text=True, check=True
    ).stdout
    spent = cpu_ticks(pids) - before
    # One reader at a time: the latency a request sees when the server is otherwise idle.
    sequential = subprocess.run(
        ["wrk", "-t1", "-c1", "--latency", "--timeout", "30s", f"-d{args.sequential}s", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    if requests == 0:
        sys.exit(f"{url}: no request completed in {args.duration} s; try a longer --duration")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", output)
    if errors:
        sys.exit(f"{url}: {errors.group(0)}\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"^\s*50%\s+(\S+)", output, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s*99%\s+(\S+)", output, re.M).group(1)),
        "cpu_ms": spent * 1000 / CLOCK_TICKS / requests,
        "requests": requests,
        "sequential_p50": to_ms(re.search(r"^\s*50%\s+(\S+)", sequential, re.M).group(1)),
    }


def measure_size(args, env: dict[str, str], size: int) -> dict:
    print(f"Seeding {size:,} articles…", flush=True)
    manage(env, "seed_bench", "--articles", str(size))
    # Bulk inserts leave the planner without statistics until autovacuum comes by; a real
    # archive has them, so gather them now.
    subprocess.run(["psql", args.database_url, "-qc", "VACUUM ANALYZE"], check=True)
    manage(env, "shell", "-c", PREPARE_ARTICLE)
    urls = json.loads(manage(env, "shell", "-c", PICK_URLS).splitlines()[-1])
    urls["tag"] = f"/tags/{urls['tag']}/"
    measured = json.loads(
        manage(
            {**env, **MODES["cold"]},
            "shell", "-c", COUNT_QUERIES.replace("URLS", repr(urls)),
        ).splitlines()[-1]
    )  # fmt: skip
    queries = {page: count for page, (count, _) in measured.items()}
    page_bytes = {page: length for page, (_, length) in measured.items()}
    result = {"size": size, "urls": urls, "queries": queries, "bytes": page_bytes, "runs": {}}
    for mode in args.modes:
        flush_cache(args)
        server = start_server(env, args.port, MODES[mode])
        try:
            runs = {}
            for page in args.pages:
                # The machine's load drifts within minutes: each page is compared with a
                # ceiling measured right before it.
                ceiling = wrk(args, server, "/bench/fixed/")
                runs[page] = {**wrk(args, server, urls[page]), "ceiling": ceiling}
                print(f"  {size:>7,} {mode:<8} {page:<8} {runs[page]}", flush=True)
        finally:
            stop_server(server)
        result["runs"][mode] = runs
    return result


def report(args, results: list[dict]) -> str:
    cpu = platform.processor() or platform.machine()
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        cpu,
    )  # fmt: skip
    lines = [
        "## Performance",
        "",
        f"Run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} × "
        f"{model}, Python {platform.python_version()}, PostgreSQL on loopback, Redis cache "
        '(the "-noredis" modes: no REDIS_URL, the SQLite cache file `make serve` uses). '
        f"Command: `make bench` (`.venv/bin/python bench/run.py "
        f"{' '.join(str(s) for s in args.sizes)}`).",
        "",
        f"gunicorn with 2 sync workers (gunicorn.conf.py), DEBUG off; wrk -t{args.threads} "
        f"-c{args.connections} -d{args.duration}s on the same machine"
        + (
            f", then -t1 -c1 -d{args.sequential}s for the one-at-a-time latency"
            if any(
                sequential(run) for r in results for m in r["runs"].values() for run in m.values()
            )
            else ""
        )
        + ". **The machine is shared "
        "(other jobs were running on its 2 cores), and wrk competes with the server for them:** "
        "absolute req/s move by ±20 % between runs, so compare the ratios to the ceiling and the "
        "CPU per request, both measured in the same run. CPU ms/request is the user+system "
        "time of the two gunicorn workers (from /proc/<pid>/stat, 10 ms ticks) divided by the "
        "requests served. The ceiling is a bare Django view returning 40 KB of fixed bytes "
        "through the same server, settings and middleware (bench/urls.py, bench only). "
        "Modes: **cached** = page cache hits; **uncached** = page cache off, widget fragments "
        "cached (the cost of a page-cache miss in production); **cold** = no cache at all. "
        "Pages: the newest article, its top-level section, first author and first tag. "
        "Each page is compared with a ceiling run measured just before it (the load drifts).",
        "",
    ]
    for result in results:
        lines += [
            f"### {result['size']:,} articles",
            "",
            "Queries with nothing cached (page and fragment caches off): "
            + ", ".join(f"{page} {result['queries'][page]}" for page in PAGES)
            + ".",
            "",
            "Page sizes (uncompressed HTML): "
            + ", ".join(f"{page} {result['bytes'][page] / 1024:.0f} KB" for page in PAGES)
            + ".",
            "",
            "| page | mode | req/s | p50 ms | p99 ms | one at a time, p50 ms | CPU ms/req "
            "| req/s vs ceiling | CPU vs ceiling |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for mode, runs in result["runs"].items():
            for page in runs:
                for name, run, ceiling in [
                    (f"ceiling before {page}", runs[page]["ceiling"], runs[page]["ceiling"]),
                    (f"**{page}**", runs[page], runs[page]["ceiling"]),
                ]:
                    lines.append(
                        f"| {name} | {mode} | {run['rps']:,.0f} | {run['p50']:.2f} | "
                        f"{run['p99']:.2f} | {sequential(run)} | {run['cpu_ms']:.2f} | "
                        f"{run['rps'] / ceiling['rps']:.0%} | "
                        f"{run['cpu_ms'] / ceiling['cpu_ms']:.1f}× |"
                    )
        lines.append("")
    lines += targets(results)
    if len(results) > 1:
        small, large = results[0], results[-1]
        for mode in ("uncached", "cold"):
            growth = ", ".join(
                f"{page} {large['runs'][mode][page]['cpu_ms'] / small['runs'][mode][page]['cpu_ms'] - 1:+.0%}"  # noqa: E501
                for page in PAGES
                if page in small["runs"].get(mode, {}) and page in large["runs"].get(mode, {})
            )
            lines += [
                f"{mode.capitalize()} CPU per request at {large['size']:,} vs "
                f"{small['size']:,} articles: {growth}.",
                "",
            ]
    return "\n".join(lines)


def sequential(run: dict) -> str:
    """The one-at-a-time median (runs recorded before it was measured have none)."""
    return f"{run['sequential_p50']:.2f}" if "sequential_p50" in run else ""


def targets(results: list[dict]) -> list[str]:
    """The issue's targets, checked against this run, as ratios to the ceiling measured right
    before each page: cached article req/s with and without Redis (>= 80 %), and CPU per
    request with nothing cached (article <= 10x, list pages <= 12x)."""
    lines = ["Targets, from this run:", ""]
    for result in results:
        runs = result["runs"]
        for mode in ("cached", "cached-noredis"):
            if "article" in runs.get(mode, {}):
                article = runs[mode]["article"]
                ratio = article["rps"] / article["ceiling"]["rps"]
                verdict = "met" if ratio >= 0.8 else "missed"
                lines.append(
                    f"- {result['size']:,} articles, {mode}: article at {ratio:.0%} of the "
                    f"ceiling's req/s (target >= 80 %: {verdict})."
                )
        for page, run in runs.get("cold", {}).items():
            ratio = run["cpu_ms"] / run["ceiling"]["cpu_ms"]
            limit = 10 if page == "article" else 12
            verdict = "met" if ratio <= limit else "missed"
            lines.append(
                f"- {result['size']:,} articles, nothing cached: {page} at {ratio:.1f}x the "
                f"ceiling's CPU per request (target <= {limit}x: {verdict})."
            )
    lines.append("")
    return lines


def write_results(section: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    pattern = re.compile(r"^## Performance\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text + section + "\n"
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 100_000])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_perf_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8150")))
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--sequential", type=int, default=3, help="seconds of one-at-a-time requests per page"
    )
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES)
    parser.add_argument(
        "--report-only", action="store_true", help=f"rewrite the report from {RAW_RESULTS.name}"
    )
    args = parser.parse_args()
    if sorted(args.sizes) != args.sizes or any(size < 1 for size in args.sizes):
        parser.error("sizes must be positive and ascending (the archive only grows)")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it (Debian: apt-get install -y wrk).")
    env = environment(args)
    if not args.report_only:
        recreate_database(args.database_url)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
    if args.report_only:
        results = json.loads(RAW_RESULTS.read_text())
    else:
        results = [measure_size(args, env, size) for size in args.sizes]
        RAW_RESULTS.write_text(json.dumps(results, indent=1))
    section = report(args, results)
    write_results(section)
    print(section)


if __name__ == "__main__":
    main()
