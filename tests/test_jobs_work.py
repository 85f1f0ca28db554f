"""Work that leaves the request for the queue: CDN purges and search re-indexing after bulk
writes (renditions: tests/test_jobs_worker_down.py). Saves never wait for it or fail with it."""

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from articles.signals import articles_written_in_bulk
from tests.factories import ArticleFactory
from tests.test_jobs_queue import work

pytestmark = pytest.mark.django_db(transaction=True)
purged: list[list[str]] = []


def record_purge(urls: list[str]) -> None:
    purged.append(urls)


def failing_purge(urls: list[str]) -> None:
    raise TimeoutError("the CDN's purge API did not answer")


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_RETRY_DELAY_SECONDS = 0
    settings.TASKS_MAX_ATTEMPTS = 2
    settings.SITE_URL = "https://news.example.com"
    purged.clear()


def test_the_cdn_is_purged_by_the_worker_after_the_save(settings):
    settings.CDN_PURGE_CALLABLE = "tests.test_jobs_work.record_purge"
    story = ArticleFactory(headline="Before")
    work()
    purged.clear()
    story.headline = "After"
    story.save()
    assert purged == []  # the save did not wait for the CDN
    work()
    assert "https://news.example.com" + story.get_absolute_url() in purged[-1]


def test_a_failing_cdn_never_fails_the_save_and_the_purge_is_retried(settings):
    settings.CDN_PURGE_CALLABLE = "tests.test_jobs_work.failing_purge"
    story = ArticleFactory()
    story.headline = "Changed"
    story.save()  # no exception reaches the editor
    work()
    job = DBTaskResult.objects.filter(task_path="articles.tasks.purge_cdn").latest("enqueued_at")
    assert (job.status, len(job.worker_ids)) == (TaskResultStatus.FAILED, 2)
    assert job.exception_class_path == "builtins.TimeoutError"


def test_no_purge_job_without_a_cdn(settings):
    settings.CDN_PURGE_CALLABLE = ""
    ArticleFactory().save()
    assert not DBTaskResult.objects.filter(task_path="articles.tasks.purge_cdn").exists()


def test_articles_written_in_bulk_are_reindexed_by_the_worker():
    story = ArticleFactory(headline="Harbour dredging plan")
    work()
    Article.objects.filter(pk=story.pk).update(headline="Lighthouse keepers return")
    articles_written_in_bulk([story.pk])
    jobs = DBTaskResult.objects.filter(task_path="search.tasks.reindex_articles")
    if connection.vendor != "postgresql":
        assert not jobs.exists()  # SQLite stores no vectors: nothing to queue
        return
    assert jobs.get().status == TaskResultStatus.READY
    found = Article.objects.filter(search_vector="lighthouse")
    assert not found.exists()  # not yet: the worker is down
    work()
    assert list(found) == [story]
