"""The story budget: lines, day and week views, filters, one-click drafts, status that follows."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Byline
from desk import planning
from desk.models import Assignment, AssignmentChange, BudgetLine, Notification
from editorial import workflow
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
LineStatus = BudgetLine.Status


def at(day_offset: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def section():
    return SectionFactory(name="City", slug="city")


@pytest.fixture
def line(section, contributor, editor):
    return BudgetLine.objects.create(
        slug="Tram strike", section=section, writer=contributor, editor=editor,
        planned_for=at(0, 15), length=600, status=LineStatus.ASSIGNED, created_by=editor,
    )  # fmt: skip


def test_editor_plans_a_line_in_the_admin_and_the_writer_hears(
    client, editor, contributor, section
):
    client.force_login(editor)
    response = client.post(
        "/admin/desk/budgetline/add/",
        {
            "slug": "Council budget", "section": section.pk, "writer": contributor.pk,
            "editor": editor.pk, "planned_for_0": at(1, 9).strftime("%d/%m/%Y"),
            "planned_for_1": "09:00:00", "length": "800", "notes": "Ask the treasurer.",
            "status": LineStatus.IDEA,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    line = BudgetLine.objects.get()
    assert line.created_by == editor
    assert line.status == LineStatus.ASSIGNED  # a writer makes an idea assigned
    assert Notification.objects.filter(recipient=contributor, budget_line=line).exists()
    assert AssignmentChange.objects.filter(budget_line=line, role="writer").exists()


def test_contributor_sees_only_lines_assigned_to_them(client, contributor, other_contributor, line):
    client.force_login(other_contributor)
    assert "Tram strike" not in client.get("/admin/desk/budgetline/").content.decode()
    assert client.get(f"/admin/desk/lines/{line.pk}/").status_code == 404
    assert client.get("/admin/desk/budgetline/add/").status_code == 403
    client.force_login(contributor)
    assert "Tram strike" in client.get("/admin/desk/budgetline/").content.decode()
    assert client.get(f"/admin/desk/lines/{line.pk}/").status_code == 200
    response = client.post(f"/admin/desk/budgetline/{line.pk}/change/", {"slug": "Mine now"})
    assert response.status_code == 403


def test_day_view_shows_lines_and_scheduled_articles_in_time_order(client, editor, line, section):
    ArticleFactory(section=section, headline="Evening vote", published_at=at(0, 18))
    ArticleFactory(section=section, headline="Morning market", published_at=at(0, 7))
    ArticleFactory(section=section, headline="Yesterday's story", published_at=at(-1, 10))
    client.force_login(editor)
    page = client.get("/admin/desk/plan/").content.decode()
    order = [page.index(title) for title in ("Morning market", "Tram strike", "Evening vote")]
    assert order == sorted(order)
    assert "Yesterday&#x27;s story" not in page


def test_week_view_has_seven_days(client, editor, line):
    client.force_login(editor)
    page = client.get("/admin/desk/plan/?view=week").content.decode()
    assert page.count('class="module') == 7
    assert "Tram strike" in page


def test_filters_by_section_and_person(client, editor, contributor, other_contributor, line):
    sport = SectionFactory(name="Sport", slug="sport")
    BudgetLine.objects.create(
        slug="Cup final", section=sport, writer=other_contributor, planned_for=at(0, 11)
    )
    client.force_login(editor)
    page = client.get(f"/admin/desk/plan/?section={sport.pk}").content.decode()
    assert "Cup final" in page and "Tram strike" not in page
    page = client.get("/admin/desk/plan/?person=connie").content.decode()
    assert "Tram strike" in page and "Cup final" not in page
    client.force_login(contributor)
    page = client.get("/admin/desk/plan/?person=me").content.decode()
    assert "Tram strike" in page and "Cup final" not in page


@pytest.mark.parametrize(
    "query", ["date=2026-13-45", "person=ghost", "section=abc", "section=99999999999999999999"]
)
def test_bad_filters_are_form_errors(client, editor, query):
    client.force_login(editor)
    response = client.get(f"/admin/desk/plan/?{query}")
    assert response.status_code == 200
    assert "errornote" in response.content.decode()


def test_contributor_does_not_see_others_lines_in_the_calendar(client, other_contributor, line):
    client.force_login(other_contributor)
    assert "Tram strike" not in client.get("/admin/desk/plan/").content.decode()


def test_one_click_turns_a_line_into_a_linked_draft(client, editor, contributor, line):
    client.force_login(editor)
    response = client.post(f"/admin/desk/lines/{line.pk}/draft/")
    line.refresh_from_db()
    article = line.article
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"
    assert (article.headline, article.section, article.status) == (
        "Tram strike", line.section, Article.Status.DRAFT,
    )  # fmt: skip
    assert article.created_by == contributor  # the writer owns the draft
    assert Byline.objects.filter(article=article, author__user=contributor).exists()
    assignment = Assignment.objects.get(article=article)
    assert (assignment.writer, assignment.editor) == (contributor, editor)
    assert article.revisions.count() == 1
    assert line.current_status == LineStatus.IN_PROGRESS
    client.post(f"/admin/desk/lines/{line.pk}/draft/")  # a second click makes nothing
    assert Article.objects.count() == 1


def test_line_status_follows_its_article(editor, contributor, line):
    article = planning.create_draft(line, editor)
    line.refresh_from_db()
    assert line.current_status == LineStatus.IN_PROGRESS
    workflow.apply(article, "submit", contributor)
    line.refresh_from_db()
    assert line.current_status == LineStatus.FILED
    workflow.apply(article, "publish", editor)
    line.refresh_from_db()
    assert line.current_status == LineStatus.PUBLISHED


def test_a_line_without_section_cannot_become_a_draft(client, editor):
    line = BudgetLine.objects.create(slug="Vague idea")
    client.force_login(editor)
    response = client.post(f"/admin/desk/lines/{line.pk}/draft/", follow=True)
    assert "Give the line a section first" in response.content.decode()
    assert not Article.objects.exists()


def test_the_writer_may_start_the_draft_and_others_may_not(
    client, contributor, other_contributor, line
):
    client.force_login(other_contributor)
    assert client.post(f"/admin/desk/lines/{line.pk}/draft/").status_code == 404
    client.force_login(contributor)
    assert client.post(f"/admin/desk/lines/{line.pk}/draft/").status_code == 302
    line.refresh_from_db()
    assert line.article.created_by == contributor


def test_line_notes_are_shared_by_the_people_on_the_line(
    client, contributor, other_contributor, editor, line
):
    client.force_login(contributor)
    client.post(f"/admin/desk/lines/{line.pk}/notes/", {"text": "@eddie the union calls at 2"})
    assert Notification.objects.filter(recipient=editor, kind="mentioned").exists()
    client.force_login(other_contributor)
    assert client.post(f"/admin/desk/lines/{line.pk}/notes/", {"text": "x"}).status_code == 404


def test_the_calendar_costs_the_same_queries_at_two_sizes(client, editor, section):
    client.force_login(editor)

    def plan(n):
        for hour in range(n):
            BudgetLine.objects.create(
                slug=f"Line {hour}", section=section, planned_for=at(0, hour % 24)
            )
            ArticleFactory(section=section, published_at=at(0, hour % 24))

    plan(2)
    client.get("/admin/desk/plan/?view=week")
    with CaptureQueriesContext(connection) as small:
        client.get("/admin/desk/plan/?view=week")
    plan(20)
    with CaptureQueriesContext(connection) as large:
        client.get("/admin/desk/plan/?view=week")
    assert len(large) == len(small)
