"""The admin home page is the desk's dashboard: per role, right counts, fixed query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Transition
from desk import dashboard, jobs
from desk.models import Assignment, BudgetLine
from tests.factories import ArticleFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def panels(user) -> dict:
    return {panel.key: panel for panel in dashboard.build(user).panels}


def submit(article, by, at=None, action="submit", to=Status.IN_REVIEW):
    Transition.objects.create(
        article=article, action=action, from_status=article.status, to_status=to, by=by,
        at=at or timezone.now(),
    )  # fmt: skip
    Article.objects.filter(pk=article.pk).update(status=to)


def newsroom(writer, other_writer, desk_editor, extra: int = 0):
    """A small day: the contributor's drafts, one sent back, others' work, editors' queue."""
    section = SectionFactory()
    mine = {"authors": [writer.author], "section": section, "draft": True}
    theirs = {"authors": [other_writer.author], "section": section, "draft": True}
    ArticleFactory.create_batch(2, **mine)
    sent_back = ArticleFactory(**mine)
    submit(sent_back, writer, timezone.now() - timedelta(hours=3))
    submit(sent_back, desk_editor, action="return_to_draft", to=Status.DRAFT)
    in_review = ArticleFactory(**mine)
    submit(in_review, writer, timezone.now() - timedelta(hours=5))
    ArticleFactory.create_batch(3 + extra, **theirs)
    for article in ArticleFactory.create_batch(2 + extra, **theirs):
        submit(article, other_writer)
    ready = ArticleFactory(**theirs)
    submit(ready, desk_editor, action="approve", to=Status.READY)
    ArticleFactory.create_batch(2 + extra, section=section)  # published an hour ago
    ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(section=section, scheduled=True)
    stale = ArticleFactory(**theirs)
    Article.objects.filter(pk=stale.pk).update(modified_at=timezone.now() - timedelta(days=30))
    CorrectionFactory(article=Article.objects.published().first())
    assigned = ArticleFactory(**theirs)
    Assignment.objects.create(article=assigned, writer=writer, editor=desk_editor)
    return {"sent_back": sent_back, "in_review": in_review, "assigned": assigned}


def test_contributor_sees_only_their_own_work_with_right_counts(people):
    made = newsroom(people["contributor"], people["other_contributor"], people["editor"])
    board = panels(people["contributor"])
    assert board["my_drafts"].count == 4  # two, the sent-back one, the assigned one
    assert board["came_back"].count == 1
    assert board["came_back"].rows == [made["sent_back"]]
    assert board["my_in_review"].count == 1
    assert board["assigned"].count == 1
    assert "review" not in board and "stale" not in board
    own = {a.pk for a in Article.objects.filter(bylines__author__user=people["contributor"])}
    own.add(made["assigned"].pk)
    for panel in board.values():
        for row in panel.rows:
            if isinstance(row, Article):
                assert row.pk in own


def test_editor_counts_match_the_database(people):
    newsroom(people["contributor"], people["other_contributor"], people["editor"])
    board = panels(people["editor"])
    assert board["review"].count == Article.objects.filter(status=Status.IN_REVIEW).count() == 3
    assert board["ready"].count == 1
    day_ago = timezone.now() - timedelta(hours=24)
    assert board["published"].count == 2
    assert Article.objects.published().filter(published_at__gt=day_ago).count() == 2
    assert board["stale"].count == 1
    assert board["corrections"].count == 1
    waits = [row.waiting for row in board["review"].rows]
    assert waits[0] >= timedelta(hours=5)  # longest waiting first
    assert waits == sorted(waits, reverse=True)


def test_editor_sees_today_and_tomorrow_as_a_timeline(people):
    section = SectionFactory()
    tomorrow_noon = (timezone.localtime() + timedelta(days=1)).replace(hour=12, minute=0)
    ArticleFactory(section=section, headline="Tomorrow's launch", published_at=tomorrow_noon)
    BudgetLine.objects.create(slug="Budget vote", section=section, planned_for=tomorrow_noon)
    board = dashboard.build(people["editor"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    titles = [entry.title for entry in board.schedule[tomorrow]]
    assert set(titles) == {"Tomorrow's launch", "Budget vote"}
    assert dashboard.build(people["contributor"]).schedule == {}


def test_administrator_sees_jobs_and_imports_panels(client, people):
    client.force_login(people["administrator"])
    page = client.get("/admin/").content.decode()
    assert 'id="panel-jobs"' in page and 'id="panel-imports"' in page
    if not jobs.task_results_recorded():
        assert "keeps no results" in page
    client.force_login(people["editor"])
    page = client.get("/admin/").content.decode()
    assert 'id="panel-review"' in page and 'id="panel-jobs"' not in page


def test_import_runs_are_counted_from_the_import_records(people):
    from articles.models import WordPressSource

    for n, article in enumerate(ArticleFactory.create_batch(3)):
        WordPressSource.objects.create(
            article=article, site_url="https://old.example", wp_post_id=n, wp_status="publish",
            source_hash="x",
        )  # fmt: skip
    runs = jobs.import_runs()
    assert [(run.articles, run.site) for run in runs] == [(3, "https://old.example")]


def test_failed_jobs_come_from_the_task_results(people):
    from django.apps import apps

    assert jobs.task_results_recorded()  # the project's queue is django-tasks-db
    model = apps.get_app_config(jobs.TASK_RESULTS_LABEL).get_model("DBTaskResult")
    model.objects.create(
        status="FAILED", args_kwargs={}, task_path="images.tasks.make_renditions",
        backend_name="default", run_after=timezone.now(), finished_at=timezone.now(),
        exception_class_path="OSError", traceback="",
    )  # fmt: skip
    count, failed = jobs.failed_jobs()
    assert count == 1 and failed[0].name == "make_renditions"


@pytest.mark.parametrize("role", ["contributor", "editor", "administrator"])
def test_dashboard_costs_the_same_queries_at_two_archive_sizes(client, people, role):
    user = people[role]
    client.force_login(user)
    newsroom(people["contributor"], people["other_contributor"], people["editor"])
    client.get("/admin/")  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        assert client.get("/admin/").status_code == 200
    newsroom(people["contributor"], people["other_contributor"], people["editor"], extra=20)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/admin/").status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 30  # the administrator: two for failed jobs, the app list of 17 apps


def test_dashboard_page_shows_counts_and_links(client, people):
    made = newsroom(people["contributor"], people["other_contributor"], people["editor"])
    client.force_login(people["contributor"])
    page = client.get("/admin/").content.decode()
    assert 'id="panel-came_back"' in page
    assert f"/admin/articles/article/{made['sent_back'].pk}/change/" in page
    assert 'id="panel-review"' not in page
    assert "Site administration" in page or "app-list" in page  # the app list stays below
