"""Two checkouts of Newsroom side by side: CPU per request against the ceiling, in pairs.

    python bench/paired.py BEFORE_DIR AFTER_DIR [--modes cold] [--rounds 3] [--pages ...]

Each directory is a checkout with its own `.venv` (a symlink to this one's will do) and
`staticfiles`; `git worktree add /tmp/before <commit>` makes one. Both run gunicorn as
`bench/run.py` does (2 sync workers, DEBUG off, Redis) on the same database, already seeded
(`DATABASE_URL`, default the `make bench` one; `--before-database-url` gives the first side a
copy of its own), at the same time on two ports. For each round
and page, each side measures the ceiling view then the page with wrk, the sides taking turns
in an order that alternates from round to round: the machine's drift (these machines are
shared) lands on both alike. Reported: the median over the rounds of each side's CPU per
request divided by its own ceiling's, and the change. Nothing is written to RESULTS.md; copy
the table there with the command that made it.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402
    MODES,
    PAGES,
    PICK_URLS,
    environment,
    start_server,
    stop_server,
    wrk,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=["cold"])
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_perf_bench"
        ),
    )
    parser.add_argument(
        "--before-database-url",
        help="a copy of the database for the BEFORE side, when a change between the two "
        "sides changes what is stored (the body seals move with core/sanitize.py: run that "
        "side's seal_bodies on its copy, or it cleans every body it shows)",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/1")
    args = parser.parse_args()
    for root in (args.before, args.after):
        if not (root / ".venv" / "bin" / "gunicorn").exists():
            sys.exit(f"{root}: no .venv/bin/gunicorn (link this checkout's .venv there)")

    env = environment(
        SimpleNamespace(database_url=args.database_url, redis_url=args.redis_url, port=8161)
    )  # each side gets its own GUNICORN_BIND below
    picked = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-c", PICK_URLS],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.splitlines()[-1]  # fmt: skip
    import json

    urls = json.loads(picked)
    urls["tag"] = f"/tags/{urls['tag']}/"
    sides = {"before": (args.before, 8161), "after": (args.after, 8162)}
    databases = {
        "before": args.before_database_url or args.database_url,
        "after": args.database_url,
    }
    for mode in args.modes:
        servers = {
            name: start_server(
                {
                    **env,
                    "GUNICORN_BIND": f"127.0.0.1:{port}",
                    "DATABASE_URL": databases[name],
                },
                port,
                MODES[mode],
                root.resolve(),
            )
            for name, (root, port) in sides.items()
        }
        ratios = {name: {page: [] for page in args.pages} for name in sides}
        try:
            for number in range(args.rounds):
                order = list(sides) if number % 2 == 0 else list(reversed(sides))
                for page in args.pages:
                    for name in order:
                        options = SimpleNamespace(
                            port=sides[name][1], threads=2, connections=args.connections,
                            duration=args.duration, sequential=1,
                        )  # fmt: skip
                        ceiling = wrk(options, servers[name], "/bench/fixed/")
                        measured = wrk(options, servers[name], urls[page])
                        ratio = measured["cpu_ms"] / ceiling["cpu_ms"]
                        ratios[name][page].append(ratio)
                        print(f"  {mode} round {number + 1} {page:<8} {name:<6} {ratio:5.1f}×")
        finally:
            for server in servers.values():
                stop_server(server)
        print(f"\n{mode}: CPU per request vs the ceiling, median of {args.rounds} rounds")
        print("| page | before | after | change |\n|---|---:|---:|---:|")
        for page in args.pages:
            before = statistics.median(ratios["before"][page])
            after = statistics.median(ratios["after"][page])
            print(f"| {page} | {before:.1f}× | {after:.1f}× | {after / before - 1:+.0%} |")


if __name__ == "__main__":
    main()
