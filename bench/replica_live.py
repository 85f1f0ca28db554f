"""A real streaming replica and two app servers, checked live (issue 20, item 7).

    .venv/bin/python bench/replica_live.py            (or `make bench-replica`; as root or not)

Starts its own throwaway PostgreSQL 15 primary (port 55432) and a streaming replica made with
`pg_basebackup -R` (55433) in a temp dir, never touching the server on 5432; migrates and seeds
the demo into the primary; starts two gunicorn servers (8111, 8112), each with DATABASE_URL on
the primary, DATABASE_REPLICA_URL on the replica and the same Redis database (11, flushed before
and after); then checks over HTTP, as an editor in the admin and as anonymous readers:

1. an editor's save through server 1 is seen by readers of server 2 within a second;
2. with replay paused on the replica (`pg_wal_replay_pause()`), the editor who saved reads the
   new headline while readers of the replica still get the old one, and readers get the new one
   soon after replay resumes;
3. with the replica stopped, pages keep answering 200 from the primary, and reads go back to the
   replica once it is started again.

Prints PASS/FAIL with timings, exits 1 on any FAIL, and removes every process and temp file it
made on exit (Ctrl-C and errors included). `--write` adds the run to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live_stack import Run, Visitor, log, shows, wait_until  # noqa: E402 (after the path)

EDITOR = ("editor", "newsroom-editor")  # made by seed_demo, in the Editor group


def article(run: Run) -> tuple[int, str, str]:
    """A published demo article: pk, public URL, headline (read on the primary)."""
    code = (
        "from articles.models import Article; "
        "a = Article.objects.published().newest_first()[2]; "
        "print(a.pk, a.get_absolute_url(), a.headline, sep='|')"
    )
    pk, url, headline = run.manage("shell", "-c", code).splitlines()[-1].split("|", 2)
    return int(pk), url, headline


def check_save_seen_by_other_server(run: Run, editor: Visitor, pk: int, path: str) -> str:
    one, two = run.urls
    reader = Visitor()
    for _ in range(4):  # server 2 has the page and the home page cached
        reader.get(f"{two}{path}")
        reader.get(f"{two}/")
    headline = "Replica check one: saved through server one"
    started = time.monotonic()
    editor.change_headline(one, pk, headline)
    saved = time.monotonic()
    seen = {
        page: wait_until(lambda page=page: shows(reader.get(f"{two}{page}")[2], headline), 3.0)
        for page in (path, "/")
    }
    worst = max((s for s in seen.values() if s is not None), default=0)
    passed = all(s is not None and s <= 1.0 for s in seen.values())
    detail = (
        f"save {1000 * (saved - started):.0f} ms; readers of server 2 saw it after "
        + ", ".join(
            f"{'article' if p == path else 'home'} "
            + (f"{1000 * s:.0f} ms" if s is not None else "never (3 s)")
            for p, s in seen.items()
        )
        + f" (limit 1,000 ms; worst {1000 * worst:.0f} ms)"
    )
    run.record("1 save on server 1 seen by readers of server 2 within 1 s", passed, detail)
    return headline


def check_read_your_writes(run: Run, editor: Visitor, pk: int, path: str, old: str) -> None:
    one, two = run.urls
    reader = Visitor()
    run.replica.sql("SELECT pg_wal_replay_pause()")
    paused = wait_until(
        lambda: run.replica.sql("SELECT pg_get_wal_replay_pause_state()")[0][0] == "paused", 5
    )
    headline = "Replica check two: saved while the replica lags"
    editor.change_headline(one, pk, headline)
    saved = time.monotonic()
    query = f"SELECT headline FROM articles_article WHERE id = {int(pk)}"  # noqa: S608 (an int)
    on_replica = run.replica.sql(query, "newsroom")[0][0]
    # Readers come first: their pages are rendered from the lagging replica.
    reads = [reader.get(f"{two}{path}")[2] for _ in range(10)]
    readers = {
        "old": sum(shows(b, old) for b in reads),
        "new": sum(shows(b, headline) for b in reads),
    }
    editor_pages = {
        "article on server 2": editor.get(f"{two}{path}")[2],
        "article on server 1": editor.get(f"{one}{path}")[2],
        "home on server 2": editor.get(f"{two}/")[2],
        "admin list on server 2": editor.get(f"{two}/admin/articles/article/?q=Replica")[2],
    }
    editor_sees = [name for name, body in editor_pages.items() if shows(body, headline)]
    editor_ms = 1000 * (time.monotonic() - saved)
    primary_lsn = run.primary.sql("SELECT pg_current_wal_lsn()::text")[0][0]
    replayed = run.replica.sql("SELECT pg_last_wal_replay_lsn()::text")[0][0]
    run.replica.sql("SELECT pg_wal_replay_resume()")
    resumed = time.monotonic()
    caught_up = wait_until(lambda: shows(reader.get(f"{two}{path}")[2], headline), 5.0)
    lagging = on_replica == old
    passed = paused is not None and lagging and len(editor_sees) == len(editor_pages)
    run.record(
        "2 the editor reads their own write while the replica lags",
        passed,
        f"replay paused (replica replayed {replayed}, primary at {primary_lsn}; the replica "
        f"{'still had the old headline' if lagging else 'had: ' + repr(on_replica)}); readers of "
        f"server 2 got old/new headline {readers['old']}/{readers['new']} of {len(reads)} times; "
        f"then the editor saw the new one on {len(editor_sees)}/{len(editor_pages)} pages "
        f"({', '.join(editor_sees) or 'none'}), all within {editor_ms:.0f} ms of saving",
    )
    run.record(
        "2b readers get the new headline once replay resumes (limit 1 s)",
        caught_up is not None and caught_up <= 1.0,
        f"after {1000 * caught_up:.0f} ms"
        if caught_up is not None
        else f"not within 5 s ({time.monotonic() - resumed:.1f} s waited)",
    )


def replica_sessions(run: Run) -> int:
    query = "SELECT count(*) FROM pg_stat_activity WHERE datname = 'newsroom'"
    return run.replica.sql(query)[0][0]


def check_replica_stopped(run: Run, editor: Visitor, pk: int, path: str) -> None:
    one, two = run.urls
    reader = Visitor()
    before = replica_sessions(run)
    stop_started = time.monotonic()
    run.replica.stop("fast")
    stop_ms = 1000 * (time.monotonic() - stop_started)
    # Every page below is rendered, not served from the page cache, and no recent write sends
    # readers to the primary anyway (the mark of check 2's save goes with the flush).
    run.flush_redis()
    pages = [path, "/", "/search/?q=replica", "/search/?q=science", "/feed/"]
    timings, statuses = [], []
    for server in (two, one):
        for page in pages:
            for _ in range(args_workers(run)):
                started = time.monotonic()
                statuses.append(reader.get(f"{server}{page}")[0])
                timings.append(time.monotonic() - started)
    headline = "Replica check three: saved with the replica stopped"
    editor.change_headline(one, pk, headline)
    saved = time.monotonic()
    seen = wait_until(lambda: shows(reader.get(f"{two}{path}")[2], headline), 3.0)
    ok = statuses.count(200)
    run.record(
        "3 with the replica stopped, pages answer 200 from the primary",
        ok == len(statuses) and seen is not None,
        f"{before} app connections on the replica before; stopped in {stop_ms:.0f} ms; "
        f"{ok}/{len(statuses)} readers' requests to 5 uncached pages answered 200 on both "
        f"servers (slowest {1000 * max(timings):.0f} ms, median "
        f"{1000 * sorted(timings)[len(timings) // 2]:.0f} ms); an edit saved then was seen by "
        + (f"readers of server 2 after {1000 * seen:.0f} ms" if seen is not None else "nobody"),
    )
    run.replica.start()
    restarted = time.monotonic()
    retry = int(run.env.get("DATABASE_REPLICA_RETRY_SECONDS", "5"))
    settle = int(run.env.get("READ_YOUR_WRITES_SECONDS", "15"))

    def back() -> bool:
        for server in (one, two):
            for n in range(args_workers(run)):
                reader.get(f"{server}/search/?q=back{n}{time.monotonic_ns()}")
        return replica_sessions(run) >= 1

    seconds = wait_until(back, timeout=settle + retry + 10, step=0.25)
    after_save = time.monotonic() - saved
    run.record(
        "3b reads go back to the replica once it is up and the last write is "
        f"{settle} s old (limit {settle + 2} s after the save)",
        seconds is not None and after_save <= settle + 2,
        f"app connections on the replica again {seconds:.1f} s after its restart, "
        f"{after_save:.1f} s after the last save"
        if seconds is not None
        else f"no app connection on the replica within {time.monotonic() - restarted:.0f} s",
    )


def args_workers(run: Run) -> int:
    return max(run.args.workers * 2, 2)  # enough requests to reach every worker


def checks(run: Run) -> None:
    pk, path, _ = article(run)
    log(f"article {pk} {path}")
    editor = Visitor()
    editor.log_in(run.urls[0], *EDITOR)
    first = check_save_seen_by_other_server(run, editor, pk, path)
    check_read_your_writes(run, editor, pk, path, old=first)
    check_replica_stopped(run, editor, pk, path)


def write_results(run: Run, seconds: float) -> None:
    lines = [
        "",
        f"## Live replica and two app servers ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        "`.venv/bin/python bench/replica_live.py --write`: a throwaway PostgreSQL 15 primary "
        f"(:{run.args.primary_port}) and a `pg_basebackup -R` streaming replica "
        f"(:{run.args.replica_port}), two gunicorn servers ({', '.join(run.urls)}, "
        f"{run.args.workers} workers each) sharing Redis ({run.args.redis_url}); the demo "
        f"content; an editor in the admin over HTTP and anonymous readers. {seconds:.0f} s in all.",
        "",
        "| check | result | timings |",
        "|---|---|---|",
        *(
            f"| {name} | {'PASS' if ok else 'FAIL'} | {detail} |"
            for name, ok, detail in run.results
        ),
        "",
    ]
    with open(ROOT / "bench" / "RESULTS.md", "a") as results:
        results.write("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--primary-port", type=int, default=55432)
    parser.add_argument("--replica-port", type=int, default=55433)
    parser.add_argument("--app-ports", type=int, nargs=2, default=[8111, 8112])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--write", action="store_true", help="add the results to RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (logs)")
    args = parser.parse_args()

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    started = time.monotonic()
    run = Run(args)
    try:
        run.set_up()
        checks(run)
    except KeyboardInterrupt:
        log("interrupted")
        run.record("run", False, "interrupted")
    except Exception as error:  # any failure is a FAIL, then clean up
        run.record("run", False, f"{type(error).__name__}: {error}")
    finally:
        run.clean_up()
    failed = [name for name, ok, _ in run.results if not ok]
    log(f"{len(run.results) - len(failed)}/{len(run.results)} checks passed "
        f"in {time.monotonic() - started:.0f} s")  # fmt: skip
    if args.write:
        write_results(run, time.monotonic() - started)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
