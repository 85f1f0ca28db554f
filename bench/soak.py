"""Soak test: the production server under steady load, for errors and memory growth.

Runs gunicorn (DEBUG off, several sync workers) against the demo content, warms it up, then
drives wrk at 64 connections for 2 minutes over home, article, section, author, tag and (when
the URL exists) search pages. Passes when no request failed and the workers' memory at the end
is within 10% of their memory after warm-up. Figures go to bench/RESULTS.md under "## Soak".

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_security .venv/bin/python bench/soak.py
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def pages(env: dict) -> list[str]:
    """Paths to request, read from the database by a small Django script."""
    script = (
        "import django; django.setup()\n"
        "from django.urls import Resolver404, resolve\n"
        "from articles.models import Article, Section\n"
        "from authors.models import Author\n"
        "from taggit.models import Tag\n"
        "paths = ['/']\n"
        "paths += [a.get_absolute_url() for a in Article.objects.published()[:12]]\n"
        "paths += [s.get_absolute_url() for s in Section.objects.all()[:6]]\n"
        "paths += [a.get_absolute_url() for a in Author.objects.all()[:6]]\n"
        "paths += [f'/tags/{t.slug}/' for t in Tag.objects.all()[:4]]\n"
        "try:\n"
        "    resolve('/search/')\n"
        "    paths += ['/search/?q=' + w for w in ('city', 'phone', 'climate', 'market')]\n"
        "except Resolver404:\n"
        "    pass\n"
        "print('\\n'.join(paths))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def lua_script(paths: list[str], folder: Path) -> Path:
    listing = ", ".join(f'"{path}"' for path in paths)
    script = folder / "paths.lua"
    script.write_text(
        f"local paths = {{{listing}}}\n"
        "local i = math.random(#paths)\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\n"
        "end\n"
    )
    return script


def worker_memory_kib(master: int) -> dict[int, int]:
    """Resident memory (VmRSS, KiB) of each gunicorn worker, i.e. each child of the master."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    memory = {}
    for pid in map(int, children):
        status = Path(f"/proc/{pid}/status").read_text()
        memory[pid] = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return memory


def worker_cpu_seconds(pids) -> float:
    """User plus system CPU time used so far by the given worker processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def run_wrk(url: str, script: Path, seconds: int, connections: int, timeout: int) -> dict:
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", f"{timeout}s", "--latency",
        "-s", str(script), url,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "output": output,
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "latency": dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE)),
    }


def write_results(text: str) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    current = results.read_text() if results.exists() else "# Benchmark results\n"
    section = re.compile(r"^## Soak\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if section.search(current):
        updated = section.sub(lambda _: text, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    results.write_text(updated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8171)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=20, help="seconds")
    parser.add_argument("--duration", type=int, default=120, help="seconds")
    parser.add_argument("--max-growth", type=float, default=0.10)
    # As long as gunicorn's worker timeout: a slower answer would be killed server-side anyway.
    parser.add_argument("--client-timeout", type=int, default=30, help="seconds")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install -y wrk", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="newsroom-soak-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(ROOT / "media")),  # seeded images persist
        "LOG_LEVEL": "WARNING",
    }
    manage = [PYTHON, "manage.py"]
    for command in (["migrate", "--no-input"], ["seed_demo"], ["collectstatic", "--no-input"]):
        subprocess.run([*manage, *command, "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    paths = pages(env)
    script = lua_script(paths, tmp)
    url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [GUNICORN, "newsroom.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--timeout", "30", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/robots.txt", timeout=2)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.2)
        warm = run_wrk(url, script, args.warmup, args.connections, args.client_timeout)
        after_warmup = worker_memory_kib(server.pid)
        cpu_before = worker_cpu_seconds(after_warmup)
        soak = run_wrk(url, script, args.duration, args.connections, args.client_timeout)
        at_end = worker_memory_kib(server.pid)
        cpu_used = worker_cpu_seconds(after_warmup) - cpu_before
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    same_workers = set(after_warmup) == set(at_end)
    before_mib, end_mib = sum(after_warmup.values()) / 1024, sum(at_end.values()) / 1024
    growth = (end_mib - before_mib) / before_mib
    failures = soak["errors"] + soak["non_2xx"] + warm["errors"] + warm["non_2xx"]
    passed = failures == 0 and growth <= args.max_growth and same_workers
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    text = (
        "## Soak\n\n"
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, shared "
        "with other jobs (numbers are noisy, ±20% between runs).\n"
        f"- Command: `.venv/bin/python bench/soak.py` (gunicorn {args.workers} sync workers, "
        f"DEBUG off, {database}; `wrk -t2 -c{args.connections} -d{args.duration}s "
        f"--timeout {args.client_timeout}s` after a "
        f"{args.warmup} s warm-up, over {len(paths)} paths: home, articles, sections, authors, "
        f"tags{', search' if any('/search/' in p for p in paths) else ' (no /search/ URL yet)'}).\n"
        f"- Requests: {soak['requests']} in {args.duration} s ({soak['rps']:.0f} req/s); "
        f"latency p50 {soak['latency'].get('50')}, p90 {soak['latency'].get('90')}, "
        f"p99 {soak['latency'].get('99')}. Workers' CPU: {cpu_used:.0f} s in total, "
        f"{1000 * cpu_used / max(soak['requests'], 1):.1f} ms per request (the figure that "
        "does not depend on how busy the shared machine was).\n"
        f"- Errors: {soak['errors']} socket errors, {soak['non_2xx']} non-2xx/3xx answers "
        f"(warm-up: {warm['errors']} and {warm['non_2xx']}).\n"
        f"- Workers' resident memory (sum of {len(at_end)}): {before_mib:.1f} MiB after warm-up, "
        f"{end_mib:.1f} MiB at the end ({growth:+.1%}); "
        f"{'same' if same_workers else 'DIFFERENT (a worker restarted)'} worker processes.\n"
        f"- Load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.\n"
        f"- Verdict: {'PASS' if passed else 'FAIL'} "
        f"(zero errors, growth ≤ {args.max_growth:.0%}).\n"
    )
    print(soak["output"])
    print(text)
    if not args.no_write:
        write_results(text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
