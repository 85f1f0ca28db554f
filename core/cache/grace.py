"""One render per invalidated page: the others serve the previous copy for a few seconds.

A publish renews the newest-stories blocks of every article page, so every popular page misses
at once; without this, every worker that gets a request for one renders it, all together. Here
the first worker to find a page stale claims it and renders; until it has stored the new page,
the others answer with the copy they found, within bounds that keep it honest:

- never once that copy has expired (its lifetime already ends at the next scheduled
  publication or expiry, `core.cache.lifetimes`);
- never when anything left the public set since it was made: `bump()` without
  `keeps_public=True` (an unpublish, a trash, a delete, any change not known to be safe)
  records the moment, and copies made before it are never served again;
- never more than `PAGE_CACHE_GRACE_SECONDS` after a worker first found that copy stale, even
  if renders keep failing or edits keep coming (0 turns the grace off).

The renderer may also be elsewhere: after an edit of a public story, the save claims its page
for the task queue (`hold_render`), whose worker renders and stores it (`refreshing()` in
`core.cache.pages`) while readers who come first are served the copy from before the edit, in
the same bounds. If the worker is late or down, the claim lapses after the grace and the next
reader renders the page, as without it.
"""

from __future__ import annotations

import math
import time

from django.conf import settings

from core.cache.store import shared_cache

# When something last left the public set (time.time()); written by `versions.bump`.
WITHDRAWN_KEY = "pagever:withdrawn"


def _last_withdrawal(now: float) -> float:
    """When something last left the public set; unknown (evicted, flushed) counts as now."""
    return shared_cache().get(WITHDRAWN_KEY, now)


def note_render_start() -> None:
    """Called before a page is rendered to be stored: when the moment of the last withdrawal
    is unknown (a new or flushed cache), say "now", which is before what is rendered next.
    Whatever was stored before then gets no grace; a later withdrawal moves the moment on."""
    cache = shared_cache()
    if cache.get(WITHDRAWN_KEY) is None:
        cache.add(WITHDRAWN_KEY, time.time(), timeout=None)


def render_lock(key: str) -> str:
    """The shared key held by whoever is rendering the page stored under `key`."""
    return f"rendering:{key}"


def hold_render(key: str) -> bool:
    """Claim the render of the page under `key` for a renderer elsewhere (the task queue's
    worker after an edit), for at most the grace; False when the grace is off or someone holds
    it already."""
    grace = settings.PAGE_CACHE_GRACE_SECONDS
    return grace > 0 and shared_cache().add(render_lock(key), time.time(), timeout=grace)


def release_render(key: str) -> None:
    """The page under `key` is stored (or could not be): the next reader may render it."""
    shared_cache().delete(render_lock(key))


class Claim:
    """What a worker that found `key` stale does: serve the previous copy, or render."""

    def __init__(self, key: str, made_at: float, expires_at: float) -> None:
        self.key = key
        self.holds_lock = False
        self.serve_previous = self._decide(key, made_at, expires_at)

    def _decide(self, key: str, made_at: float, expires_at: float) -> bool:
        grace = settings.PAGE_CACHE_GRACE_SECONDS
        now = time.time()
        if grace <= 0 or expires_at <= now or made_at <= _last_withdrawal(now):
            return False
        cache = shared_cache()
        # The first worker to find this copy stale writes down when; it lives as long as the
        # copy could, so the bound holds however many renders come and go.
        seen_key = f"stale-since:{key}:{made_at!r}"
        first = cache.add(seen_key, now, timeout=math.ceil(expires_at - now) + 1)
        if not first and now - cache.get(seen_key, now) > grace:
            return False
        self.holds_lock = hold_render(key)
        return not self.holds_lock

    def release(self) -> None:
        """After rendering: the next invalidation may elect a new renderer at once."""
        if self.holds_lock:
            release_render(self.key)
            self.holds_lock = False
