"""The database task queue: workers share it, failures retry with backoff and then show.

These tests use the real django-tasks-db backend (the others run tasks at once) and the
worker in-process (`RetryingWorker`, what `manage.py db_worker` runs), on transactional
databases because a worker commits like the real one.
"""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.tasks import TaskResultStatus
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs import retries, status
from jobs.worker import RetryingWorker
from tests import jobs_tasks
from tests.jobs_tasks import fail_until, record

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_RETRY_DELAY_SECONDS = 0
    jobs_tasks.runs.clear()
    jobs_tasks.runners.clear()


def work(worker_id: str = "worker-1") -> None:
    """Run every job that is due, then return (a worker with `--batch`)."""
    RetryingWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


def test_enqueue_stores_the_job_and_runs_nothing_until_a_worker_comes():
    result = record.enqueue("a")
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    assert jobs_tasks.runs["a"] == 0
    work()
    job = DBTaskResult.objects.get(pk=result.id)
    assert (job.status, job.return_value, jobs_tasks.runs["a"]) == ("SUCCESSFUL", "a", 1)


def postgresql_only() -> None:
    # SQLite serialises claims with exclusive transactions; the test database is in memory,
    # where threads see "schema is locked" instead of waiting. CI runs these on PostgreSQL.
    if connection.vendor != "postgresql":
        pytest.skip("several workers at once: PostgreSQL (SELECT ... FOR UPDATE SKIP LOCKED)")


def test_workers_claim_jobs_with_skip_locked_on_postgresql():
    postgresql_only()
    record.enqueue("a")
    with CaptureQueriesContext(connection) as queries:
        work()
    claims = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert claims and all("SKIP LOCKED" in sql for sql in claims)


def test_two_workers_share_the_queue_and_never_run_a_job_twice():
    postgresql_only()
    labels = [f"job-{n}" for n in range(24)]
    for label in labels:
        record.enqueue(label, pause=0.02)
    errors = []

    def worker(name: str) -> None:
        try:
            work(name)
        except Exception as error:  # surfaced below: a thread's exception is otherwise lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"w{n}",), name=f"w{n}") for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert {label: jobs_tasks.runs[label] for label in labels} == dict.fromkeys(labels, 1)
    assert {name for label in labels for name in jobs_tasks.runners[label]} == {"w1", "w2"}
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 24


def test_a_failing_job_runs_again_and_succeeds():
    result = fail_until.enqueue("flaky", successes_after=2)
    work()
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert (len(job.worker_ids), job.return_value) == (3, 3)
    assert not status.failed_jobs().exists()


def test_a_job_out_of_attempts_stays_failed_with_its_error():
    result = fail_until.enqueue("broken", successes_after=99)
    work()
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.FAILED
    assert len(job.worker_ids) == jobs_tasks.runs["broken"] == 3
    assert job.exception_class_path == "builtins.ConnectionError"
    assert "the service did not answer (run 3)" in job.traceback
    assert list(status.failed_jobs()) == [job]


def test_retries_wait_longer_each_time(settings):
    settings.TASKS_RETRY_DELAY_SECONDS = 30
    settings.TASKS_RETRY_MAX_DELAY_SECONDS = 100
    assert [retries.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 100, 100]
    assert retries.retry_delay(1, jitter=0.99).total_seconds() == pytest.approx(32.97)

    result = fail_until.enqueue("later", successes_after=1)
    work()
    job = DBTaskResult.objects.get(pk=result.id)
    assert job.status == TaskResultStatus.READY  # waiting, with the reason on the row
    assert job.exception_class_path == "builtins.ConnectionError"
    assert list(status.retrying_jobs()) == [job]
    wait = (job.run_after - timezone.now()).total_seconds()
    assert 25 < wait <= 33
    work()  # not due yet: nothing runs
    assert jobs_tasks.runs["later"] == 1
    with time_machine.travel(timezone.now() + timedelta(seconds=34)):
        work()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_job_whose_task_is_gone_fails_at_once_without_retries():
    job = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tests.jobs_tasks.removed_long_ago",
        backend_name="default",
    )
    work()
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    assert job.exception_class_path == "builtins.ImportError"
    assert len(job.worker_ids) == 1


def test_a_job_left_running_by_a_dead_worker_goes_back_in_the_queue(settings):
    settings.TASKS_STALE_RUNNING_SECONDS = 600
    result = record.enqueue("orphan")
    long_ago = timezone.now() - timedelta(seconds=601)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=["dead"]
    )
    recent = record.enqueue("busy")
    DBTaskResult.objects.filter(pk=recent.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=["alive"]
    )
    assert [str(pk) for pk in status.stale_jobs().values_list("pk", flat=True)] == [result.id]
    work()  # a starting worker requeues it, then runs it
    job = DBTaskResult.objects.get(pk=result.id)
    assert (job.status, job.worker_ids) == (TaskResultStatus.SUCCESSFUL, ["dead", "worker-1"])
    assert DBTaskResult.objects.get(pk=recent.id).status == TaskResultStatus.RUNNING


def test_a_job_that_always_loses_its_worker_ends_failed(settings):
    settings.TASKS_STALE_RUNNING_SECONDS = 600
    result = record.enqueue("killer")
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(hours=1),
        worker_ids=["a", "b", "c"],
    )
    assert status.requeue_stale() == 1
    job = DBTaskResult.objects.get(pk=result.id)
    assert (job.status, job.exception_class_path) == ("FAILED", status.WORKER_LOST)
    assert job in status.failed_jobs()


def test_run_again_gives_a_failed_job_fresh_attempts():
    result = fail_until.enqueue("mended", successes_after=3)
    work()
    assert status.run_again(DBTaskResult.objects.all()) == 1
    work()
    job = DBTaskResult.objects.get(pk=result.id)
    assert (job.status, job.return_value) == (TaskResultStatus.SUCCESSFUL, 4)


def test_summary_counts_each_state():
    record.enqueue("done")
    work()
    fail_until.enqueue("broken", successes_after=99)
    work()
    record.enqueue("waiting")
    counts = status.summary()
    assert (counts["successful"], counts["failed"], counts["ready"]) == (1, 1, 1)
    assert counts["running"] == counts["retrying"] == 0
    assert counts["oldest_due_seconds"] is not None and counts["oldest_due_seconds"] >= 0
