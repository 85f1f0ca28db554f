"""The queue worker: django-tasks-db's, plus retries with backoff and recovery of lost jobs.

`manage.py db_worker` (ours replaces the package's command of the same name, see
`management/commands/db_worker.py`) claims one job at a time with
`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL (an exclusive transaction on SQLite), so any
number of workers on any number of machines share the queue and never run one job twice.
"""

import logging

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from jobs import retries, status

logger = logging.getLogger("jobs")


class RetryingWorker(Worker):
    def run(self) -> None:
        # Jobs left "running" by a worker that was killed go back in the queue first.
        if recovered := status.requeue_stale():
            logger.warning("Requeued %d job(s) whose worker stopped mid-run.", recovered)
        super().run()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)  # records success or failure on the row
        if retries.schedule_retry(db_task_result):
            logger.warning(
                "Job %s (%s) failed on attempt %d; it runs again after %s.",
                db_task_result.pk,
                db_task_result.task_path,
                len(db_task_result.worker_ids),
                db_task_result.run_after.isoformat(timespec="seconds"),
            )
