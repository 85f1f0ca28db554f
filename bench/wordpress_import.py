"""Time `import_wordpress` on a generated export, on SQLite and PostgreSQL.

    python bench/wordpress_import.py [--posts 10000] [--pg postgres://.../newsroom_wordpress]

For each database: a fresh schema, a first import (with a media folder holding half of the
featured images), then a second run of the same file (which must change nothing), each in its
own process under /usr/bin/time for wall time, CPU time and peak memory. The baseline, measured
in the same run, is a parse-only pass of the same file (the streaming reader alone), so the
ratio says what the database work costs on top of reading. Memory is measured at two export
sizes to show it stays bounded. Prints Markdown rows for bench/RESULTS.md, with the load
average before and after (the machine may be shared: compare CPU times and ratios).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TIME = ["/usr/bin/time", "-f", "%e %U %S %M"]


def timed(args: list[str], env: dict) -> tuple[float, float, int, str]:
    """(wall s, cpu s, peak RSS MB, stdout) of one process."""
    result = subprocess.run(
        TIME + args, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    wall, user, system, rss = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) // 1024, result.stdout


def parse_only(path: Path, env: dict) -> tuple[float, float, int, str]:
    code = (
        "import django; django.setup(); from importers.wordpress import wxr; "
        f"print(sum(1 for _ in wxr.read({str(path)!r})))"
    )
    return timed([PY, "-c", code], {**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"})


def run_database(
    name: str, url: str, export: Path, media: Path, work: Path, baseline_cpu: float
) -> list[str]:
    env = {**os.environ, "SECRET_KEY": "bench", "DATABASE_URL": url}
    env["MEDIA_ROOT"] = str(work / f"media-{name}")
    shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        subprocess.run(
            [PY, "manage.py", "migrate", "articles", "zero", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
        )
        for app in ("redirects", "authors", "taggit"):
            subprocess.run(
                [PY, "manage.py", "migrate", app, "zero", "--no-input", "-v0"],
                cwd=ROOT,
                env=env,
                check=False,
                capture_output=True,
            )
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    command = [PY, "manage.py", "import_wordpress", str(export), "--media-dir", str(media)]
    rows = []
    for label in ("first import", "second run (unchanged)"):
        wall, cpu, rss, out = timed(command, env)
        posts = next(line.strip() for line in out.splitlines() if line.strip().startswith("posts:"))
        rows.append((label, wall, cpu, rss, posts))
    return [
        f"| {name} | {label} | {wall:.1f} | {cpu:.1f} | {cpu / baseline_cpu:.1f}× "
        f"| {rss} | {posts} |"
        for label, wall, cpu, rss, posts in rows
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--pg", help="PostgreSQL URL of a database this bench may reset")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wpbench-"))
    export, media = work / "export.xml", work / "uploads"
    small = work / "small.xml"
    gen = [PY, "bench/wordpress_wxr.py"]
    subprocess.run(
        [*gen, str(export), "--posts", str(args.posts), "--media-dir", str(media)],
        cwd=ROOT,
        check=True,
    )
    subprocess.run([*gen, str(small), "--posts", str(args.posts // 10)], cwd=ROOT, check=True)
    env = {**os.environ, "SECRET_KEY": "bench"}
    print(f"export: {args.posts} posts, {export.stat().st_size / 1e6:.1f} MB")
    print("load average before: {:.2f} {:.2f} {:.2f}\n".format(*os.getloadavg()))
    print("| database | run | wall s | CPU s | CPU × baseline | peak RSS MB | posts |")
    print("|---|---|---|---|---|---|---|")
    wall, cpu, rss, _ = parse_only(export, env)
    baseline_cpu = cpu
    print(
        f"| (none) | baseline: parse only | {wall:.1f} | {cpu:.1f} | 1.0× | {rss} "
        "| read, not imported |"
    )
    databases = [("SQLite", f"sqlite:///{work / 'bench.sqlite3'}")]
    if args.pg:
        databases.append(("PostgreSQL", args.pg))
    for name, url in databases:
        for row in run_database(name, url, export, media, work, baseline_cpu):
            print(row, flush=True)
    # Bounded memory: the same import on an export a tenth of the size.
    small_env = {**env, "DATABASE_URL": f"sqlite:///{work / 'small.sqlite3'}"}
    small_env["MEDIA_ROOT"] = str(work / "media-small")
    subprocess.run(
        [PY, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=small_env, check=True
    )
    wall, cpu, rss, _ = timed([PY, "manage.py", "import_wordpress", str(small)], small_env)
    label = f"first import, {args.posts // 10} posts"
    print(f"| SQLite | {label} | {wall:.1f} | {cpu:.1f} | | {rss} | memory check |")
    print("\nload average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
