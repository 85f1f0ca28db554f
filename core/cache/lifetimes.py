"""How long what is made now may be kept: seconds, or until the next scheduled change.

"Public" depends on the clock, and no save happens when a scheduled story's time comes or an
expiry passes. So what shows articles lives no longer than the next time the public set changes
by itself (the app that owns the schedule registers it with `schedule_changes_from()`), and at
most `PAGE_CACHE_SECONDS`. What shows no articles is given plain seconds: only an edit retires
it sooner.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime
from typing import Final, Literal

from django.conf import settings

from core.cache.store import shared_cache
from core.cache.versions import EPOCH, current_versions, request_memo


class _Until(enum.Enum):
    NEXT_CHANGE = "until the next scheduled change"


UNTIL_NEXT_CHANGE: Final = _Until.NEXT_CHANGE
# Seconds, or until the next scheduled change (capped by PAGE_CACHE_SECONDS).
Lifetime = int | Literal[_Until.NEXT_CHANGE]
# For what shows no articles (the navigation, a teaser): edits retire it; the day only lets
# entries nobody asks for leave the shared cache.
ONE_DAY: Final = 24 * 60 * 60

NEXT_CHANGE_KEY = "next-visibility-change"
_next_change_copy: tuple[str, datetime | None] | None = None
# Nothing scheduled until an app says otherwise (see schedule_changes_from).
_next_change_source: Callable[[datetime], datetime | None] = lambda now: None  # noqa: E731


def seconds_to_keep(lifetime: Lifetime, now: datetime) -> int:
    """`lifetime` in seconds from `now`; 0: what is made now must not be kept."""
    if lifetime is UNTIL_NEXT_CHANGE:
        return _seconds_until_next_change(now)
    return lifetime


def _seconds_until_next_change(now: datetime) -> int:
    """Until the next time the public set changes by itself (a scheduled publication or an
    expiry), at most `PAGE_CACHE_SECONDS`."""
    lifetime = settings.PAGE_CACHE_SECONDS
    next_change = _next_change(now)
    if next_change is not None:
        lifetime = min(lifetime, int((next_change - now).total_seconds()))
    return max(lifetime, 0)


def schedule_changes_from(source: Callable[[datetime], datetime | None]) -> None:
    """Register what says when the public set next changes by itself after a moment (the
    articles app registers `Article.objects.next_visibility_change` in its `ready()`)."""
    global _next_change_source
    _next_change_source = source


def _next_change(now: datetime) -> datetime | None:
    """The registered source's next change, asked once per request at most."""
    memo = request_memo()
    if memo is not None and "next_change" in memo:
        return memo["next_change"]
    # Kept whatever the cache switches say: they decide what pages and fragments are stored,
    # and this answer is needed to give any page its caching headers.
    next_change = _shared_next_change(now)
    if memo is not None:
        memo["next_change"] = next_change
    return next_change


def _shared_next_change(now: datetime) -> datetime | None:
    """The next visibility change, kept until it passes or until the next edit of anything
    (which moves the epoch token: at save time and again at commit, so a kept answer is never
    older than what readers can see): in this process, and in the shared cache for the others.
    """
    global _next_change_copy
    epoch = current_versions([EPOCH])[EPOCH]

    def still_valid(kept: tuple[str, datetime | None] | None) -> bool:
        return kept is not None and kept[0] == epoch and (kept[1] is None or kept[1] > now)

    if still_valid(_next_change_copy):
        return _next_change_copy[1]
    if still_valid(kept := shared_cache().get(NEXT_CHANGE_KEY)):
        _next_change_copy = kept
        return kept[1]
    next_change = _next_change_source(now)
    _next_change_copy = (epoch, next_change)
    shared_cache().set(NEXT_CHANGE_KEY, _next_change_copy, timeout=settings.PAGE_CACHE_SECONDS)
    return next_change
