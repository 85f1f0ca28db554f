"""With the worker down, editors still upload, save and publish; the work waits in the queue
and runs when a worker comes back."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editorial import workflow
from editorial.roles import ensure_roles
from images.models import Image
from tests.factories import ArticleFactory, ImageFactory, StaffUserFactory
from tests.test_jobs_queue import work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def roles():
    """Other transactional tests flush the database, roles from the data migration included."""
    ensure_roles(Group, Permission)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_upload_and_publish_work_while_no_worker_runs_and_renditions_follow(client):
    image = ImageFactory(alt_text="The council chamber")
    article = ArticleFactory(draft=True, lead_image=image, headline="Council votes on parks")
    workflow.apply(article, "publish", StaffUserFactory(role="Editor"))

    queued = DBTaskResult.objects.get(task_path="images.tasks.generate_renditions")
    assert queued.status == TaskResultStatus.READY
    assert Image.objects.get(pk=image.pk).renditions_key == ""
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert image.file.url in page.text  # the clean original stands in meanwhile

    work()  # the worker comes back

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    image.refresh_from_db()
    assert image.renditions_ready
    page = client.get(article.get_absolute_url())
    assert image.rendition_url(image.renditions_of("original")[0], "webp") in page.text


def test_deleting_an_image_removes_the_renditions_a_worker_made_meanwhile(settings):
    image = ImageFactory()  # this copy never sees the key the worker records
    work()
    folder = Path(settings.MEDIA_ROOT) / "images" / "renditions"
    assert any(path.is_file() for path in folder.rglob("*"))
    image.delete()
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))
