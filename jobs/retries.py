"""Failed jobs run again, later and later, then stay failed for an administrator to see.

django-tasks-db records one run per job and has no retries. Our worker (`jobs.worker`) hands
each failed run to `schedule_retry()`: the job goes back in the queue with `run_after` set
`TASKS_RETRY_DELAY_SECONDS × 2^(attempt-1)` ahead (capped at TASKS_RETRY_MAX_DELAY_SECONDS, with
up to 10% jitter so jobs that failed together do not come back together), until it has had
TASKS_MAX_ATTEMPTS attempts. The attempt count is the row's `worker_ids` (one entry per claim),
and the last error stays on the row while the job waits, so the admin shows why.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

# Failures that another attempt cannot mend: the task no longer exists, or the row is bad.
PERMANENT_ERRORS = frozenset(
    {
        "builtins.ImportError",
        "builtins.ModuleNotFoundError",
        "django.core.exceptions.SuspiciousOperation",
    }
)


def retry_delay(attempt: int, jitter: float = 0.0) -> timedelta:
    """How long to wait after failed attempt number `attempt` (1-based); `jitter` in [0, 1)."""
    base = settings.TASKS_RETRY_DELAY_SECONDS * 2 ** max(attempt - 1, 0)
    seconds = min(base, settings.TASKS_RETRY_MAX_DELAY_SECONDS)
    return timedelta(seconds=seconds * (1 + jitter / 10))


def should_retry(job: DBTaskResult) -> bool:
    return (
        job.status == TaskResultStatus.FAILED
        and len(job.worker_ids) < settings.TASKS_MAX_ATTEMPTS
        and job.exception_class_path not in PERMANENT_ERRORS
    )


def schedule_retry(job: DBTaskResult) -> bool:
    """Put a job whose run just failed back in the queue if it has attempts left.

    Returns whether it was requeued. Only a row still marked failed is changed, so an
    administrator's action on the same row meanwhile wins.
    """
    if not should_retry(job):
        return False
    run_after = timezone.now() + retry_delay(len(job.worker_ids), random.random())  # noqa: S311
    requeued = DBTaskResult.objects.filter(pk=job.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    if requeued:
        job.status, job.run_after, job.finished_at = TaskResultStatus.READY, run_after, None
    return bool(requeued)
