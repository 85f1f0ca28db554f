"""What the administrator's dashboard shows of background work: failed tasks and imports.

The panel is written against these two functions, not against a queue's tables: the database
queue (django-tasks-db) records task results when it is installed; with the immediate backend
nothing is kept, and the panel says so rather than showing an empty success.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import Count, Max
from django.utils import timezone

from articles.models import WordPressSource

TASK_RESULTS_APP = "django_tasks_db"
TASK_RESULTS_LABEL = "django_tasks_database"


@dataclass(frozen=True)
class FailedJob:
    name: str
    failed_at: datetime | None
    error: str


def task_results_recorded() -> bool:
    return apps.is_installed(TASK_RESULTS_APP)


def failed_jobs(limit: int = 10) -> tuple[int, list[FailedJob]]:
    """How many tasks failed in the last 7 days, and the latest `limit` of them (two queries).

    (0, []) when no task results are recorded (see `task_results_recorded()`).
    """
    if not task_results_recorded():
        return 0, []
    # The package is installed as `django_tasks_db`; its models' app label is another name.
    results = apps.get_app_config(TASK_RESULTS_LABEL).get_model("DBTaskResult").objects.failed()
    recent = results.filter(finished_at__gte=timezone.now() - timedelta(days=7))
    rows = recent.order_by("-finished_at").values_list(
        "task_path", "finished_at", "exception_class_path"
    )[:limit]
    jobs = [FailedJob(path.rsplit(".", 1)[-1], at, error) for path, at, error in rows]
    return recent.count(), jobs


@dataclass(frozen=True)
class ImportRun:
    day: datetime
    articles: int
    site: str


def import_runs(limit: int = 5) -> list[ImportRun]:
    """WordPress imports by day and site, newest first (from the records each import keeps
    per article; one query)."""
    rows = (
        WordPressSource.objects.values("imported_at__date", "site_url")
        .annotate(articles=Count("pk"), last=Max("imported_at"))
        .order_by("-last")[:limit]
    )
    return [ImportRun(row["last"], row["articles"], row["site_url"]) for row in rows]
