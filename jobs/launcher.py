"""Run a web server and a queue worker as one command, and never leave either behind.

`python -m jobs.launcher -- <server command>` (what `make run` and `make serve` do) starts the
server and `manage.py db_worker`, each in its own process group, and:

- Ctrl-C, SIGTERM or SIGHUP to the launcher reach both groups (so runserver's reloader child
  and gunicorn's workers stop too); a worker finishing a job gets `--grace` seconds;
- when the server exits, the worker is stopped and the launcher exits with the server's code;
- a worker that dies is started again (after 2 s, doubling to at most 30 s while it keeps
  dying, e.g. with the database down); the server keeps answering meanwhile;
- on Linux each child is told to stop if the launcher itself is killed (`PR_SET_PDEATHSIG`),
  so even `kill -9` of the launcher orphans no worker.

It imports no Django: it only starts processes.
"""

import argparse
import contextlib
import ctypes
import os
import shlex
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1
DEFAULT_WORKER = [sys.executable, "manage.py", "db_worker", "--no-reload"]


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the launcher goes (Linux only)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(command: list[str]) -> subprocess.Popen:
    # The commands are the operator's own (Makefile, process manager), never request input.
    return subprocess.Popen(command, process_group=0, preexec_fn=_die_with_parent)  # noqa: S603


def signal_group(process: subprocess.Popen | None, signum: int) -> None:
    if process is not None and process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum)


def stop(process: subprocess.Popen | None, grace: float) -> None:
    """SIGTERM the process's group, then SIGKILL it after `grace` seconds."""
    if process is None:
        return
    signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        signal_group(process, signal.SIGKILL)
        process.wait()
    with contextlib.suppress(ProcessLookupError):  # what it left in its group (a reloader)
        os.killpg(process.pid, signal.SIGKILL)


class Launcher:
    def __init__(self, server: list[str], worker: list[str], grace: float) -> None:
        self.server_command, self.worker_command, self.grace = server, worker, grace
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.stopping = False

    def _on_signal(self, signum: int, frame) -> None:
        self.stopping = True
        # The server gets the signal it was sent (runserver stops cleanly on SIGINT).
        signal_group(self.server, signum if signum != signal.SIGHUP else signal.SIGTERM)

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        self.server = spawn(self.server_command)
        self.worker = spawn(self.worker_command)
        delay, started, restart_at = 1.0, time.monotonic(), None
        try:
            while self.server.poll() is None and not self.stopping:
                now = time.monotonic()
                if restart_at is None and self.worker.poll() is not None:
                    # Quick deaths double the wait; a worker that lived a minute resets it.
                    delay = 1.0 if now - started > 60 else min(delay * 2, 30.0)
                    restart_at = now + delay
                    print(
                        f"launcher: the worker exited ({self.worker.returncode}); "
                        f"starting it again in {delay:.0f} s.",
                        file=sys.stderr,
                        flush=True,
                    )
                elif restart_at is not None and now >= restart_at:
                    self.worker, started, restart_at = spawn(self.worker_command), now, None
                time.sleep(0.2)
        finally:
            stop(self.worker, self.grace)
            stop(self.server, self.grace)
        code = self.server.returncode
        return 0 if self.stopping else (code if code >= 0 else 128 - code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jobs.launcher", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--worker",
        default=shlex.join(DEFAULT_WORKER),
        help="the worker command (default: %(default)s)",
    )
    parser.add_argument(
        "--grace", type=float, default=30.0, help="seconds a stopping process is given"
    )
    parser.add_argument("server", nargs=argparse.REMAINDER, help="-- then the server command")
    args = parser.parse_args(argv)
    server = args.server[1:] if args.server[:1] == ["--"] else args.server
    if not server:
        parser.error("give the server command after --")
    return Launcher(server, shlex.split(args.worker), args.grace).run()


if __name__ == "__main__":
    sys.exit(main())
