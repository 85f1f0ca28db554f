"""`manage.py db_worker`: django-tasks-db's worker command, running `jobs.worker.RetryingWorker`.

Same options as the package's command (`--queue-name`, `--interval`, `--batch`, `--max-tasks`,
`--worker-id`, `--reload`...); the jobs app is listed before django_tasks_db in INSTALLED_APPS,
so this command is the one `manage.py` finds.
"""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from jobs.worker import RetryingWorker


class Command(db_worker.Command):
    help = "Work the database task queue, retrying failed jobs with exponential backoff."

    def handle(self, *, verbosity: int, reload: bool, batch: bool, **options) -> None:
        self.configure_logging(verbosity)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RetryingWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child that runs the jobs
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
