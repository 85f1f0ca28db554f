"""What the queue holds, for the admin, the dashboard and monitoring.

One place defines "failed" (out of attempts, waiting for a person), "retrying" (failed at
least once, queued again) and "stale" (claimed by a worker that is gone), so every screen
counts the same rows.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, QuerySet
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

# Recorded as the error of a job whose every attempt lost its worker.
WORKER_LOST = "jobs.status.WorkerLost"


def failed_jobs() -> QuerySet[DBTaskResult]:
    """Jobs that failed for good (attempts used up, or an error no retry can mend), newest first."""
    return DBTaskResult.objects.failed().order_by("-finished_at")


def retrying_jobs() -> QuerySet[DBTaskResult]:
    """Jobs waiting to run again after a failed attempt; the row keeps the last error."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(
        exception_class_path=""
    )


def stale_jobs() -> QuerySet[DBTaskResult]:
    """Jobs marked running for longer than TASKS_STALE_RUNNING_SECONDS: their worker died."""
    limit = timezone.now() - timedelta(seconds=settings.TASKS_STALE_RUNNING_SECONDS)
    return DBTaskResult.objects.running().filter(started_at__lt=limit)


def summary() -> dict[str, int | float | None]:
    """Counts per state and the age in seconds of the oldest job due to run (None if none).

    A growing `oldest_due_seconds` means the workers are down or too few.
    """
    counts = {status.value.lower(): 0 for status in TaskResultStatus}
    for row in DBTaskResult.objects.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"].lower()] = row["n"]
    due = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    return {
        **counts,
        "retrying": retrying_jobs().count(),
        "oldest_due_seconds": (timezone.now() - due).total_seconds() if due else None,
    }


def run_again(jobs: QuerySet[DBTaskResult]) -> int:
    """Queue failed jobs again now, with a fresh set of attempts; returns how many."""
    return jobs.filter(status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY,
        run_after=get_date_max(),
        finished_at=None,
        worker_ids=[],
    )


def requeue_stale() -> int:
    """Put jobs whose worker died back in the queue; returns how many rows changed.

    The lost run counts as an attempt: a job that kills its worker every time (memory, a
    segfault in a decoder) ends up failed instead of going round for ever.
    """
    changed = 0
    for job in stale_jobs().only("pk", "worker_ids"):
        row = DBTaskResult.objects.filter(pk=job.pk, status=TaskResultStatus.RUNNING)
        if len(job.worker_ids) < settings.TASKS_MAX_ATTEMPTS:
            changed += row.update(status=TaskResultStatus.READY, started_at=None)
        else:
            changed += row.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=WORKER_LOST,
                traceback=f"The worker running this job stopped before it finished, "
                f"{len(job.worker_ids)} times; no attempts are left.",
            )
    return changed
