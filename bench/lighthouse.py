"""Lighthouse (mobile) on the home page and an article, recorded in bench/RESULTS.md.

Serves the demo content the way production does (gunicorn, DEBUG off, collected and compressed
static files), runs Lighthouse 12.8 from the npm registry in Debian's Chromium a few times per
page, and writes the median of the four category scores under `## Lighthouse`.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--port 8180]

Lighthouse is installed with npm into a temporary folder (LIGHTHOUSE_DIR, default
/tmp/newsroom-lighthouse-<version>, reused by later runs), never into the repo.
Everything stays on 127.0.0.1: Lighthouse only loads our own pages.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
LIGHTHOUSE_VERSION = "12.8.2"  # 13.x needs Node 22; the machines have Node 20
CHROME = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}


def run(command: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def lighthouse_binary(folder: Path) -> Path:
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder),
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    return binary


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


def audit(binary: Path, url: str, out: Path, env: dict, attempts: int = 3) -> dict:
    """One Lighthouse run; a run Lighthouse itself reports as broken (NO_NAVSTART on a busy
    machine) is tried again, up to `attempts` times in all."""
    command = [
        str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
        "--form-factor=mobile", "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]  # fmt: skip
    for attempt in range(1, attempts + 1):
        try:
            run(command, env=env)
            break
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            print(f"Lighthouse run failed on {url}; trying again ({attempt}/{attempts})")
    report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    metrics = {label: report["audits"][key]["displayValue"] for key, label in METRICS.items()}
    failed = sorted(
        audit_id
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and report["audits"][audit_id]["score"] is not None
        and report["audits"][audit_id]["score"] < 1
    )
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    return {"scores": scores, "metrics": metrics, "failed": failed, "bytes": weight}


def median_run(runs: list[dict]) -> dict:
    """The run whose performance score is the median (its other numbers come with it)."""
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"])
    return ordered[len(ordered) // 2]


def write_results(section: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Lighthouse\n.*?(?=^## |\Z)", re.M | re.S)
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    RESULTS.write_text(text.rstrip() + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--port", type=int, default=8180)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not shutil.which("npm") or not Path(CHROME).exists():
        raise SystemExit(f"Lighthouse needs npm and {CHROME}")

    work = Path(tempfile.mkdtemp(prefix="newsroom-lighthouse-"))
    python = sys.executable
    base = f"http://127.0.0.1:{args.port}"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "lighthouse-bench-only",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{work}/bench.sqlite3"),
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "SERVE_MEDIA": "1",
        # Renditions made while seeding, as a worker would have before readers arrive.
        "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "SITE_URL": base,
        "CHROME_PATH": CHROME,
        "HOME": str(work),
    }
    npm_dir = Path(tempfile.gettempdir()) / f"newsroom-lighthouse-{LIGHTHOUSE_VERSION}"
    binary = lighthouse_binary(Path(os.environ.get("LIGHTHOUSE_DIR", npm_dir)))
    version = run([str(binary), "--version"], env, capture_output=True, text=True).stdout.strip()
    run([python, "manage.py", "migrate", "--no-input", "-v0"], env)
    run([python, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
    run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    article_path = run(
        [python, "manage.py", "shell", "-c",
         "from articles.models import Article;"
         "print(Article.objects.published().filter(lead_image__isnull=False)"
         ".order_by('-published_at').first().get_absolute_url())"],
        env, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "newsroom.wsgi:application", "--bind",
         f"127.0.0.1:{args.port}", "--workers", "2"],
        env=env, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(base + "/")
        pages = {"Home": base + "/", "Article": base + article_path}
        results = {}
        for name, url in pages.items():
            runs = [audit(binary, url, work / f"{name}-{n}.json", env) for n in range(args.runs)]
            results[name] = (median_run(runs), [r["scores"]["performance"] for r in runs])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    chromium = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout
    lines = [
        "## Lighthouse",
        "",
        f"- Date: {now}. Machine: {platform.machine()}, {os.cpu_count()} cores shared with "
        "other jobs (noisy: Lighthouse's simulated throttling keeps scores stable, but the "
        "performance score can still move by a few points between runs).",
        f"- Lighthouse {version}, {chromium.strip()}, mobile form factor (simulated slow 4G, "
        "4x CPU slowdown), headless. Server: gunicorn, 2 workers, DEBUG off, WhiteNoise "
        "static files, demo content from `seed_demo`.",
        f"- Command: `.venv/bin/python bench/lighthouse.py --runs {args.runs}`; the table shows "
        "the run with the median performance score.",
        "- Targets (issue 10): Performance ≥ 95, Accessibility 100, Best Practices 100, SEO 100.",
        "",
        "| Page | Performance | Accessibility | Best Practices | SEO | FCP | LCP | TBT | CLS "
        "| Transfer | Performance, all runs |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, (result, all_runs) in results.items():
        s, m = result["scores"], result["metrics"]
        lines.append(
            f"| {name} | {s['performance']} | {s['accessibility']} | {s['best-practices']} "
            f"| {s['seo']} | {m['FCP']} | {m['LCP']} | {m['TBT']} | {m['CLS']} "
            f"| {result['bytes'] / 1024:.0f} KiB | {', '.join(map(str, all_runs))} |"
        )
    lines.append("")
    for name, (result, _) in results.items():
        failed = ", ".join(f"`{a}`" for a in result["failed"]) or "none"
        lines.append(f"- {name}: audits below full marks in the median run: {failed}.")
    section = "\n".join(lines) + "\n"
    write_results(section)
    print(section)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
