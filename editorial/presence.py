"""Who else has an article open: a heartbeat from the edit page, and taking over from them.

The edit page beats every `HEARTBEAT_SECONDS`; someone whose last beat is older than
`GONE_AFTER` has left (a closed tab stops beating; leaving the page also says so at once).
This warns, it does not lock: the stale-save guard is what keeps two saves from clobbering.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from articles.models import Article
from editorial.models import Presence

HEARTBEAT_SECONDS = 15
GONE_AFTER = timedelta(seconds=45)  # three missed beats: gone well within a minute


def display_name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Editing:
    name: str
    since: datetime

    def as_json(self) -> dict:
        local = timezone.localtime(self.since)
        return {"name": self.name, "since": local.strftime("%H:%M")}


def beat(user, article: Article, opened: bool = False) -> Presence:
    """Record that `user` has the article open. `opened`: a fresh page, so any earlier
    take-over is forgotten and "since" starts again when they had left."""
    now = timezone.now()
    presence, made = Presence.objects.get_or_create(user=user, article=article)
    if not made and (opened or presence.seen_at < now - GONE_AFTER):
        if presence.seen_at < now - GONE_AFTER:
            presence.since = now
        presence.taken_over_by = None
        presence.taken_over_at = None
    presence.seen_at = now
    presence.save()
    return presence


def others(user, article: Article) -> list[Editing]:
    """The other people editing the article now, longest first."""
    fresh = (
        Presence.objects.filter(article=article, seen_at__gte=timezone.now() - GONE_AFTER)
        .filter(taken_over_by=None)
        .exclude(user=user)
        .select_related("user")
        .order_by("since")
    )
    return [Editing(display_name(presence.user), presence.since) for presence in fresh]


def take_over(user, article: Article) -> int:
    """Tell everyone else editing the article that `user` took over; returns how many."""
    now = timezone.now()
    beat(user, article)
    return (
        Presence.objects.filter(article=article, seen_at__gte=now - GONE_AFTER)
        .exclude(user=user)
        .update(taken_over_by=user, taken_over_at=now)
    )


def leave(user, article: Article) -> None:
    Presence.objects.filter(user=user, article=article).delete()
