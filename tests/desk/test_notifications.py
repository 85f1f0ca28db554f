"""Notifications: who hears about what, in the admin and by email, and mail that fails."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from desk import notifications
from desk.models import Assignment, EmailPreference, Notification
from editorial import workflow
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


class BrokenMailServer:
    """A mail backend whose server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def draft(contributor):
    return ArticleFactory(authors=[contributor.author], draft=True, headline="Night buses")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_submitting_tells_the_editors_and_not_the_writer(on_commit, contributor, editor, draft):
    with on_commit():
        workflow.apply(draft, "submit", contributor)
    assert kinds(editor) == [Kind.SUBMITTED]
    assert kinds(contributor) == []


def test_submitting_tells_only_the_assigned_editor_when_there_is_one(
    on_commit, contributor, editor, draft
):
    from tests.factories import StaffUserFactory

    other_editor = StaffUserFactory(role="Editor")
    Assignment.objects.create(article=draft, editor=other_editor)
    with on_commit():
        workflow.apply(draft, "submit", contributor)
    assert kinds(other_editor) == [Kind.SUBMITTED]
    assert kinds(editor) == []


def test_approve_schedule_and_publish_tell_the_writer(on_commit, contributor, editor, draft):
    with on_commit():
        workflow.apply(draft, "submit", contributor)
        workflow.apply(draft, "approve", editor)
        workflow.apply(draft, "schedule", editor, at=timezone.now() + timedelta(hours=2))
        workflow.apply(draft, "publish", editor)
    assert kinds(contributor) == [Kind.PUBLISHED, Kind.SCHEDULED, Kind.READY]


def test_emails_have_text_html_and_a_link(
    on_commit, mailoutbox, settings, contributor, editor, draft
):
    settings.SITE_URL = "https://news.example"
    with on_commit():
        workflow.apply(draft, "submit", contributor)
        workflow.apply(draft, "approve", editor)
    mail = next(m for m in mailoutbox if m.to == [contributor.email])
    link = f"https://news.example/admin/desk/articles/{draft.pk}/"
    assert "Night buses" in mail.subject
    assert link in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html


def test_email_preferences_turn_one_kind_off(
    client, on_commit, mailoutbox, contributor, editor, draft
):
    client.force_login(editor)
    fields = {"sent_back": "on", "ready": "on", "published": "on"}  # "submitted" left out
    assert client.post("/admin/desk/preferences/", fields).status_code == 302
    assert not EmailPreference.objects.get(user=editor).submitted
    with on_commit():
        workflow.apply(draft, "submit", contributor)
    assert kinds(editor) == [Kind.SUBMITTED]  # still in the admin
    assert mailoutbox == []


def test_a_broken_mail_server_never_breaks_a_save(on_commit, settings, contributor, editor, draft):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailServer"}}
    with on_commit():
        workflow.apply(draft, "submit", contributor)
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW
    assert kinds(editor) == [Kind.SUBMITTED]


def test_a_queue_that_refuses_work_never_breaks_a_save(
    on_commit, monkeypatch, contributor, editor, draft
):
    class RefusingQueue:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("queue down")

    monkeypatch.setattr(notifications, "send_notification_email", RefusingQueue())
    with on_commit():
        workflow.apply(draft, "submit", contributor)
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW
    assert kinds(editor) == [Kind.SUBMITTED]


def test_a_broken_mail_server_through_the_admin_save(
    client, on_commit, settings, contributor, editor, draft
):
    from tests.admin_forms import article_post_data, change_url

    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailServer"}}
    client.force_login(contributor)
    data = {**article_post_data(draft), "_transition": "submit"}
    with on_commit():
        response = client.post(change_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW


def test_nobody_is_told_about_their_own_action_or_work_they_may_not_see(
    contributor, other_contributor, editor, draft
):
    assert notifications.notify(contributor, Kind.ASSIGNED, draft, actor=contributor) is None
    assert notifications.notify(other_contributor, Kind.ASSIGNED, draft, actor=editor) is None
    assert notifications.notify(contributor, Kind.TAKEN_OVER, draft, actor=editor)
    assert kinds(contributor) == [Kind.TAKEN_OVER]


def test_header_count_and_list_show_only_my_notifications(client, contributor, editor, draft):
    notifications.notify(contributor, Kind.TAKEN_OVER, draft, actor=editor)
    notifications.notify(contributor, Kind.READY, draft, actor=editor)
    theirs = notifications.notify(editor, Kind.MENTIONED, draft, actor=contributor)
    client.force_login(contributor)
    page = client.get("/admin/").content.decode()
    assert "(2 unread)" in page
    listing = client.get("/admin/desk/notifications/").content.decode()
    assert "took over editing" in listing and "mentioned you" not in listing
    client.post("/admin/desk/notifications/", {"id": [str(theirs.pk)]})
    theirs.refresh_from_db()
    assert theirs.read_at is None  # another user's notification is never touched
    client.post("/admin/desk/notifications/", {"id": ["abc", "99999999999999999999999"]})
    client.post("/admin/desk/notifications/")
    assert "(2 unread)" not in client.get("/admin/").content.decode()
    assert notifications.unread_count(contributor) == 0


def test_notifications_page_answers_a_bad_page_number(client, contributor):
    client.force_login(contributor)
    assert client.get("/admin/desk/notifications/?page=zzz").status_code == 200
