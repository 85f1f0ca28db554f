"""Instructions per cold request, counted by valgrind: a measure the machine's noise leaves alone.

    python bench/instructions.py [--pages article home ...] [--requests 20] [CHECKOUT ...]

CPU time on these shared machines moves 2-4x from run to run and by up to 15% between batches
of the same code, so a change of a few percent cannot be told from noise by timing it.
`valgrind --tool=callgrind` counts the instructions a process runs instead: the same code, data
and hash seed give the same count whatever else the machine is doing. For each checkout (default:
this one) and page, a child process renders the page in-process with every cache off
(`bench.settings`, the database of DATABASE_URL, as `bench/profile_pages.py`), first a few times
to warm up, then `--requests` times with counting switched on for those requests only. The
ceiling view (`/bench/fixed/`) is counted the same way, so each page is also reported as a
ratio to it.

What a count does not show: the kernel's work (the database's sockets), memory stalls, and
instructions the real CPU does not run (valgrind's CPU hides SHA extensions, so hashing counts
several times what it costs). Use it to compare changes; the CPU ratios through gunicorn
(`bench/run.py`, `bench/paired.py`) stay the figures the targets are checked against.
Checkouts other than this one need their own `staticfiles` (a symlink to this one's will do).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["ceiling", "article", "home", "section", "author", "tag"]
WARM_UP = 5


def child(root: Path, page: str, requests: int) -> None:
    """Runs under valgrind: warm up, then the counted requests inside `breakpoint()` (counting
    is switched on in `builtin_breakpoint` only, which nothing else here calls)."""
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.update(DEBUG="0", PAGE_CACHE_ENABLED="0", FRAGMENT_CACHE_ENABLED="0")
    import django

    django.setup()
    from django.test import Client

    from bench.profile_pages import urls

    url = "/bench/fixed/" if page == "ceiling" else urls()[page]
    client = Client()
    for _ in range(WARM_UP):
        if (status := client.get(url).status_code) != 200:
            sys.exit(f"{url} answered {status}")

    def counted() -> None:
        for _ in range(requests):
            client.get(url)

    sys.breakpointhook = counted
    breakpoint()  # the counted section (see the docstring)


def count(root: Path, page: str, requests: int, database_url: str) -> float:
    """Instructions per request of `page` in the checkout `root`."""
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            [
                "valgrind", "--tool=callgrind", "--collect-atstart=no",
                "--toggle-collect=builtin_breakpoint",
                f"--callgrind-out-file={scratch}/callgrind.out",
                sys.executable, __file__, "--child", str(root), page, str(requests),
            ],
            env={**os.environ, "PYTHONHASHSEED": "0", "DATABASE_URL": database_url},
            cwd=root, capture_output=True, text=True,
        )  # fmt: skip
    found = re.search(r"Collected\s*:\s*([\d,]+)", result.stderr)
    if result.returncode != 0 or found is None:
        sys.exit(f"{root} {page}: valgrind failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return int(found[1].replace(",", "")) / requests


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        return child(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--pages", nargs="+", choices=PAGES[1:], default=["article"])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_perf_bench"
        ),
    )
    args = parser.parse_args()
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode != 0:
        sys.exit("valgrind is not installed (apt-get install -y valgrind)")
    checkouts = [root.resolve() for root in args.checkouts]
    pages = ["ceiling", *args.pages]
    jobs = [(root, page) for root in checkouts for page in pages]
    print(f"Counting {len(jobs)} runs of {args.requests} requests under valgrind…", flush=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        counts = dict(
            zip(
                jobs,
                pool.map(lambda job: count(*job, args.requests, args.database_url), jobs),
                strict=True,
            )
        )
    names = [str(root) if root != ROOT else "this checkout" for root in checkouts]
    print("\n| page | " + " | ".join(names) + " |" + (" change |" if len(checkouts) > 1 else ""))
    print("|---|" + "---:|" * (len(checkouts) + (len(checkouts) > 1)))
    for page in pages:
        cells = []
        for root in checkouts:
            instructions = counts[root, page]
            ratio = instructions / counts[root, "ceiling"]
            cells.append(f"{instructions / 1e6:.2f} M ({ratio:.1f}×)")
        change = ""
        if len(checkouts) > 1:
            first, last = counts[checkouts[0], page], counts[checkouts[-1], page]
            change = f" {100 * (last - first) / first:+.1f}% |"
        print(f"| {page} | " + " | ".join(cells) + " |" + change)


if __name__ == "__main__":
    main()
