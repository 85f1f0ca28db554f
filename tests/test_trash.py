"""Nothing lost: delete moves to the trash; editors restore; only administrators purge."""

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article
from editorial import trash
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor")


@pytest.fixture
def administrator():
    return StaffUserFactory(role="Administrator")


def delete_url(article):
    return f"/admin/articles/article/{article.pk}/delete/"


def test_deleting_in_the_admin_moves_to_the_trash_and_off_the_site(client, editor):
    article = ArticleFactory(headline="Deleted by mistake")
    client.force_login(editor)
    page = client.get(delete_url(article)).content.decode()
    assert "Move to trash" in page
    response = client.post(delete_url(article), {"post": "yes"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.trashed_at is not None
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Deleted by mistake" not in client.get("/").content.decode()
    listing = client.get("/admin/articles/article/").context["cl"].result_list
    assert article not in listing
    trashed = client.get("/admin/articles/article/?state=trash").context["cl"].result_list
    assert list(trashed) == [article]


def test_editor_restores_from_the_trash(client, editor):
    article = ArticleFactory(headline="Back again")
    trash.move_to_trash(article, editor)
    client.force_login(editor)
    client.post(
        "/admin/articles/article/?state=trash",
        {"action": "restore_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    article.refresh_from_db()
    assert article.trashed_at is None and article.is_public
    assert list(article.transitions.values_list("action", flat=True)) == ["restore", "trash"]


def test_editor_cannot_purge(client, editor):
    article = ArticleFactory()
    trash.move_to_trash(article, editor)
    client.force_login(editor)
    assert client.post(delete_url(article), {"post": "yes"}).status_code == 403
    client.post(
        "/admin/articles/article/?state=trash",
        {"action": "purge_selected", "_selected_action": [article.pk]},
    )
    assert Article.objects.filter(pk=article.pk).exists()
    with pytest.raises(PermissionDenied):
        trash.purge(article, editor)


def test_administrator_purges_only_from_the_trash(client, administrator):
    article = ArticleFactory()
    with pytest.raises(PermissionDenied):
        trash.purge(article, administrator)
    client.force_login(administrator)
    client.post(delete_url(article), {"post": "yes"})  # first delete: to the trash
    assert Article.objects.filter(pk=article.pk, trashed_at__isnull=False).exists()
    page = client.get(delete_url(article)).content.decode()
    assert "Yes, delete it for good" in page
    client.post(delete_url(article), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()


def test_bulk_delete_action_is_replaced_by_move_to_trash(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert Article.objects.get(pk=article.pk).trashed_at is None
    client.post(
        "/admin/articles/article/",
        {"action": "trash_selected", "_selected_action": [article.pk]},
    )
    assert Article.objects.get(pk=article.pk).trashed_at is not None


def test_contributor_cannot_delete(client):
    user = StaffUserFactory(role="Contributor")
    article = ArticleFactory(draft=True, created_by=user)
    client.force_login(user)
    assert client.post(delete_url(article), {"post": "yes"}).status_code == 403
    assert Article.objects.get(pk=article.pk).trashed_at is None


def test_trashed_article_is_read_only_until_restored(client, editor):
    article = ArticleFactory(headline="Frozen")
    trash.move_to_trash(article, editor)
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "In the trash since" in page and 'name="_save"' not in page
