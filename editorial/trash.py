"""Nothing lost: deleting an article moves it to the trash; only administrators purge.

A trashed article is off every public page (`published()` excludes it), keeps its revisions,
and comes back exactly as it was when restored.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, Transition
from editorial import previews
from editorial.workflow import PURGE_PERMISSION


def move_to_trash(article: Article, user) -> None:
    if article.trashed_at is None:
        article.trashed_at = timezone.now()
        article.save(update_fields=["trashed_at", "modified_at"])
        previews.revoke(article)  # links stay dead after a restore
        _log(article, user, "trash")


def restore_from_trash(article: Article, user) -> None:
    if article.trashed_at is not None:
        article.trashed_at = None
        article.save(update_fields=["trashed_at", "modified_at"])
        _log(article, user, "restore")


def can_purge(user) -> bool:
    return user.is_active and user.has_perm(PURGE_PERMISSION)


def purge(article: Article, user) -> None:
    """Delete for good: administrators only, and only what is already in the trash."""
    if not can_purge(user):
        raise PermissionDenied("Only administrators can empty the trash.")
    if article.trashed_at is None:
        raise PermissionDenied("Move the article to the trash before deleting it for good.")
    article.delete()


def _log(article: Article, user, action: str) -> None:
    Transition.objects.create(
        article=article,
        action=action,
        from_status=article.status,
        to_status=article.status,
        by=user,
    )
