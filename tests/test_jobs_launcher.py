"""`python -m jobs.launcher` (make run, make serve): server and worker start and stop together."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def sleeper(pid_file: Path, exit_code: int | None = None) -> str:
    """A command that writes its pid (appending: restarts add lines), then sleeps or exits."""
    end = f"raise SystemExit({exit_code})" if exit_code is not None else "time.sleep(600)"
    code = f"import os, time; open({str(pid_file)!r}, 'a').write(f'{{os.getpid()}}\\n'); {end}"
    return f"{sys.executable} -c {code!r}"


def launch(tmp_path: Path, server: str, worker: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "jobs.launcher", "--grace", "5", "--worker", worker, "--"]
    return subprocess.Popen([*command, "sh", "-c", f"exec {server}"], cwd=ROOT)  # noqa: S603


def pids(pid_file: Path, count: int = 1, timeout: float = 20) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid_file.exists() and len(found := pid_file.read_text().split()) >= count:
            return [int(pid) for pid in found]
        time.sleep(0.05)
    raise AssertionError(f"{pid_file.name}: fewer than {count} process(es) started")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its parent has stopped too.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def files(tmp_path):
    return tmp_path / "server.pid", tmp_path / "worker.pid"


def test_stopping_the_launcher_stops_server_and_worker(tmp_path, files):
    server_pids, worker_pids = files
    launcher = launch(tmp_path, sleeper(server_pids), sleeper(worker_pids))
    server, worker = pids(server_pids)[0], pids(worker_pids)[0]
    launcher.send_signal(signal.SIGTERM)
    assert launcher.wait(timeout=15) == 0
    assert gone(server) and gone(worker)


def test_when_the_server_exits_the_worker_stops_and_its_code_is_returned(tmp_path, files):
    server_pids, worker_pids = files
    launcher = launch(tmp_path, sleeper(server_pids, exit_code=3), sleeper(worker_pids))
    worker = pids(worker_pids)[0]
    assert launcher.wait(timeout=15) == 3
    assert gone(worker)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_killing_the_launcher_outright_orphans_no_worker(tmp_path, files):
    server_pids, worker_pids = files
    launcher = launch(tmp_path, sleeper(server_pids), sleeper(worker_pids))
    server, worker = pids(server_pids)[0], pids(worker_pids)[0]
    launcher.kill()
    launcher.wait(timeout=5)
    assert gone(server) and gone(worker)


def test_a_worker_that_dies_is_started_again_while_the_server_runs(tmp_path, files):
    server_pids, worker_pids = files
    launcher = launch(tmp_path, sleeper(server_pids), sleeper(worker_pids, exit_code=1))
    try:
        assert len(set(pids(worker_pids, count=2, timeout=20))) == 2
        assert launcher.poll() is None and alive(pids(server_pids)[0])
    finally:
        launcher.send_signal(signal.SIGTERM)
        launcher.wait(timeout=15)


def test_the_launcher_needs_a_server_command():
    result = subprocess.run(
        [sys.executable, "-m", "jobs.launcher"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "give the server command after --" in result.stderr
