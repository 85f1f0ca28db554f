"""Assignments, the "assigned to me" filter, and each article's activity timeline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desk.models import Assignment, AssignmentChange, Notification
from desk.notes import add_note, send_back
from editorial import revisions, workflow
from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db


def test_editor_assigns_writer_and_editor_and_both_hear(client, editor, administrator, contributor):
    article = ArticleFactory(draft=True)
    client.force_login(administrator)
    response = client.post(
        f"/admin/desk/articles/{article.pk}/assign/",
        {"writer": contributor.pk, "editor": editor.pk},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(article=article)
    assert (assignment.writer, assignment.editor) == (contributor, editor)
    assert set(AssignmentChange.objects.values_list("role", flat=True)) == {"writer", "editor"}
    assert Notification.objects.filter(recipient=contributor, kind="assigned").exists()
    assert Notification.objects.filter(recipient=editor, kind="assigned").exists()
    # the assigned writer may now open the article's desk page
    client.force_login(contributor)
    assert client.get(f"/admin/desk/articles/{article.pk}/").status_code == 200


def test_contributor_cannot_assign(client, contributor, other_contributor):
    article = ArticleFactory(authors=[contributor.author], draft=True)
    client.force_login(contributor)
    response = client.post(
        f"/admin/desk/articles/{article.pk}/assign/", {"writer": other_contributor.pk}
    )
    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_assigning_a_stranger_id_is_a_message_not_an_error(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    response = client.post(
        f"/admin/desk/articles/{article.pk}/assign/", {"writer": "abc"}, follow=True
    )
    assert response.status_code == 200
    assert "Pick people from the list" in response.content.decode()


@pytest.mark.parametrize("role", ["contributor", "editor", "administrator"])
def test_assigned_to_me_filter_on_the_article_list(client, people, role):
    user = people[role]
    mine = ArticleFactory(
        headline="Mine to write", authors=[people["contributor"].author], draft=True
    )
    ArticleFactory(headline="Not mine", authors=[people["contributor"].author], draft=True)
    Assignment.objects.create(article=mine, writer=user)
    client.force_login(user)
    page = client.get("/admin/articles/article/?assigned=me").content.decode()
    assert "Mine to write" in page and "Not mine" not in page


def test_activity_timeline_has_every_kind_of_event(client, editor, contributor):
    article = ArticleFactory(authors=[contributor.author], draft=True, headline="Timeline")
    revisions.record(article, contributor, "Created")
    revisions.record(article, contributor, "Edited")
    workflow.apply(article, "submit", contributor)
    send_back(article, editor, "Needs a second source")
    add_note(contributor, "Found one", article=article)
    from desk.assignments import assign

    assign(article, writer=contributor, editor=editor, by=editor)
    CorrectionFactory(article=article, text="Wrong date fixed")
    client.force_login(editor)
    page = client.get(f"/admin/desk/articles/{article.pk}/").content.decode()
    for text in ("Draft → In review (submit)", "Needs a second source", "Found one",
                 "Writer: Connie", "Wrong date fixed", "Revision 2: Edited"):  # fmt: skip
        assert text in page, text
    assert f"/admin/articles/article/{article.pk}/revisions/?a=1&amp;b=2" in page


def test_activity_costs_the_same_queries_however_long_the_history(client, editor, contributor):
    article = ArticleFactory(authors=[contributor.author], draft=True)
    client.force_login(editor)
    url = f"/admin/desk/articles/{article.pk}/"

    def history(n):
        for _ in range(n):
            revisions.record(article, contributor, "Edited")
            add_note(contributor, "note", article=article)
            CorrectionFactory(article=article)

    history(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    history(10)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
