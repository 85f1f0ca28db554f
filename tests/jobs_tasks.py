"""Tasks the queue tests enqueue (a task must be importable by its dotted path)."""

import threading
import time
from collections import Counter

from django.tasks import task

runs: Counter = Counter()  # job label -> times its body ran
runners: dict[str, set[str]] = {}  # job label -> threads that ran it
_lock = threading.Lock()


@task
def record(label: str, pause: float = 0.0) -> str:
    with _lock:
        runs[label] += 1
        runners.setdefault(label, set()).add(threading.current_thread().name)
    time.sleep(pause)
    return label


@task
def fail_until(label: str, successes_after: int) -> int:
    """Raises on its first `successes_after` runs, then succeeds."""
    with _lock:
        runs[label] += 1
        seen = runs[label]
    if seen <= successes_after:
        raise ConnectionError(f"{label}: the service did not answer (run {seen})")
    return seen
