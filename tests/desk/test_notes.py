"""Internal notes: threads, @mentions, resolving, send-backs; never public, never another's."""

import pytest

from articles.models import Article, Transition
from desk.models import Note, Notification
from desk.notes import add_note, mentioned_users
from editorial import workflow
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def own_draft(contributor):
    return ArticleFactory(authors=[contributor.author], draft=True, headline="Bridge repairs")


@pytest.fixture
def others_draft(other_contributor):
    return ArticleFactory(authors=[other_contributor.author], draft=True, headline="Otto's scoop")


def test_contributor_posts_a_note_on_their_own_article(client, contributor, own_draft):
    client.force_login(contributor)
    response = client.post(f"/admin/desk/articles/{own_draft.pk}/notes/", {"text": "Photo?"})
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.article, note.author, note.text) == (own_draft, contributor, "Photo?")
    page = client.get(f"/admin/desk/articles/{own_draft.pk}/").content.decode()
    assert "Photo?" in page


def test_an_empty_note_is_a_form_error(client, contributor, own_draft):
    client.force_login(contributor)
    response = client.post(f"/admin/desk/articles/{own_draft.pk}/notes/", {"text": "  "})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Note.objects.exists()


def test_contributor_cannot_read_or_write_anothers_notes_by_url_or_id(
    client, contributor, other_contributor, others_draft
):
    secret = add_note(other_contributor, "Source is the mayor's aide", article=others_draft)
    client.force_login(contributor)
    assert client.get(f"/admin/desk/articles/{others_draft.pk}/").status_code == 404
    response = client.post(f"/admin/desk/articles/{others_draft.pk}/notes/", {"text": "hi"})
    assert response.status_code == 404
    response = client.post(f"/admin/desk/notes/{secret.pk}/resolve/", {"resolved": "1"})
    assert response.status_code == 404
    secret.refresh_from_db()
    assert secret.resolved_at is None
    for url in ("/admin/", "/admin/desk/notifications/", "/admin/desk/plan/"):
        assert "mayor's aide" not in client.get(url).content.decode()


def test_editor_reads_every_thread_and_resolves_a_note(
    client, editor, other_contributor, others_draft
):
    note = add_note(other_contributor, "Check the figures", article=others_draft)
    client.force_login(editor)
    assert (
        "Check the figures"
        in client.get(f"/admin/desk/articles/{others_draft.pk}/").content.decode()
    )
    client.post(f"/admin/desk/notes/{note.pk}/resolve/", {"resolved": "1"})
    note.refresh_from_db()
    assert note.is_resolved and note.resolved_by == editor
    client.post(f"/admin/desk/notes/{note.pk}/resolve/", {"resolved": "0"})
    note.refresh_from_db()
    assert not note.is_resolved


def test_mentions_notify_only_people_who_may_see_the_thread(
    contributor, other_contributor, editor, own_draft
):
    note = add_note(contributor, "@eddie can you look? cc @otto and @nobody.", article=own_draft)
    assert set(note.mentions.all()) == {editor}  # otto may not see this draft
    notification = Notification.objects.get()
    assert notification.recipient == editor
    assert notification.kind == Notification.Kind.MENTIONED


def test_mention_parsing_ignores_email_addresses(editor):
    assert mentioned_users("write to eddie@example.com") == []
    assert mentioned_users("thanks @eddie.") == [editor]


def test_editor_sends_back_with_a_note(
    client, django_capture_on_commit_callbacks, mailoutbox, contributor, editor, own_draft
):
    workflow.apply(own_draft, "submit", contributor)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/desk/articles/{own_draft.pk}/send-back/",
            {"text": "The second paragraph needs a source."},
        )
    assert response.status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.status == Status.DRAFT
    step = Transition.objects.get(action="return_to_draft")
    assert step.note == "The second paragraph needs a source."
    note = Note.objects.get(step="return_to_draft")
    assert note.article == own_draft and note.author == editor
    notice = Notification.objects.get(recipient=contributor, kind=Notification.Kind.SENT_BACK)
    assert "needs a source" in notice.message
    assert [mail.to for mail in mailoutbox] == [[contributor.email]]
    assert "needs a source" in mailoutbox[0].body


def test_contributor_cannot_send_back(client, contributor, own_draft):
    workflow.apply(own_draft, "submit", contributor)
    client.force_login(contributor)
    response = client.post(f"/admin/desk/articles/{own_draft.pk}/send-back/", {"text": "no"})
    assert response.status_code == 403
    own_draft.refresh_from_db()
    assert own_draft.status == Status.IN_REVIEW


def test_sending_back_a_draft_is_refused_with_a_message(client, editor, own_draft):
    client.force_login(editor)
    response = client.post(
        f"/admin/desk/articles/{own_draft.pk}/send-back/", {"text": "why"}, follow=True
    )
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_notes_are_never_public(client, editor):
    article = ArticleFactory(headline="Harbour plans", tags=["harbour"])
    add_note(editor, "zebracrossing is our internal codeword", article=article)
    client.logout()
    for url in (
        article.get_absolute_url(), "/", "/feed/", "/feed/atom/", "/sitemap.xml",
        f"/sections/{article.section.slug}/",
    ):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"zebracrossing" not in response.content, url
    found = client.get("/search/?q=zebracrossing").content.decode()
    assert "Harbour plans" not in found  # the search page echoes the query, never finds notes
    assert client.get(f"/admin/desk/articles/{article.pk}/").status_code == 302  # to login
