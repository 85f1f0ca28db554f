"""Scheduled stories: "published" when the time comes, "unpublished" when they expire.

Nothing is saved at that moment (a scheduled article appears by itself, see
`ArticleQuerySet.published()`), so the save that sets the time also queues a check for it,
deferred to that time (`run_after`). The check announces only if the article still has that
time and is (or is no longer) public then: a story rescheduled or withdrawn meanwhile sends
nothing. Needs a queue that can defer jobs (the database queue can; the ImmediateBackend
cannot, and then no deferred event is sent).
"""

import logging
from datetime import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from articles.models import Article
from webhooks import payloads
from webhooks.events import queue
from webhooks.models import Event

logger = logging.getLogger(__name__)
PUBLICATION, EXPIRY = "published_at", "unpublish_at"


def follow(article: Article, previous: dict | None) -> None:
    """After a save: queue the checks for a publication or expiry time it set in the future."""
    if article.status != Article.Status.PUBLISHED or article.trashed_at is not None:
        return
    now = timezone.now()
    for field in (PUBLICATION, EXPIRY):
        when = getattr(article, field)
        if when is None or when <= now:
            continue
        if previous is not None and all(
            previous[name] == getattr(article, name) for name in (field, "status", "trashed_at")
        ):
            continue  # already queued by the save that set it
        transaction.on_commit(lambda f=field, w=when: _defer(article.pk, f, w), robust=True)


def _defer(article_id: int, field: str, when: datetime) -> None:
    deferred = announce_when_due.using(run_after=when)
    if not deferred.get_backend().supports_defer:
        return
    try:
        deferred.enqueue(article_id, field, when.isoformat())
    except Exception:
        logger.exception("Could not queue the webhook check of article %s", article_id)


@task
def announce_when_due(article_id: int, field: str, when: str) -> str:
    """Announce the article's publication or expiry at `when`, if it still happens then."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or getattr(article, field) != datetime.fromisoformat(when):
        return "changed"
    if field == PUBLICATION and article.is_public:
        queue(Event.ARTICLE_PUBLISHED, lambda: payloads.article(article_id))
        return "published"
    if field == EXPIRY and article.is_expired and article.trashed_at is None:
        data = payloads.gone("article", article_id, article.get_absolute_url())
        queue(Event.ARTICLE_UNPUBLISHED, lambda: data)
        return "expired"
    return "nothing"
