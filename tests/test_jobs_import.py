"""`import_wordpress --queue`: the options are checked at once, the import runs on a worker."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from tests.test_jobs_queue import work

pytestmark = pytest.mark.django_db(transaction=True)
SITE = Path(__file__).parent / "fixtures" / "wordpress" / "site-wxr-1.2.xml"
BROKEN = Path(__file__).parent / "fixtures" / "wordpress" / "malformed.xml"


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_MAX_ATTEMPTS = 1


def queue(*args) -> str:
    out = StringIO()
    call_command("import_wordpress", *map(str, args), "--queue", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_queued_import_returns_at_once_and_a_worker_imports():
    message = queue(SITE)
    job = DBTaskResult.objects.get(task_path="importers.tasks.import_wordpress_export")
    assert f"Queued as job {job.pk}" in message
    assert not Article.objects.exists()
    work()
    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.return_value["failed"] == 0
    assert job.return_value["by_kind"]["posts"]["created"] == Article.objects.count() > 0


def test_a_broken_export_fails_the_job_with_the_reason():
    queue(BROKEN)
    work()
    job = DBTaskResult.objects.get()
    assert job.status == TaskResultStatus.FAILED
    assert job.exception_class_path == "importers.wordpress.wxr.WXRError"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nowhere/export.xml"], "no such file"),
        ([SITE, "--dry-run"], "--dry-run runs here"),
        ([SITE, "--media-dir", "/nowhere"], "no such folder"),
        ([SITE, "--default-section", "nope"], "no section with that slug"),
    ],
)
def test_bad_options_are_refused_before_anything_is_queued(args, message):
    with pytest.raises(CommandError, match=message):
        queue(*args)
    assert not DBTaskResult.objects.exists()
