"""Read replica routing with read-your-writes.

With `DATABASE_READ_REPLICA` set (it is when `DATABASE_REPLICA_URL` is), reads go to the
replica and writes to the primary. A request is pinned to the primary when it is not a safe
method, is under the admin, or carries the `newsroom_primary` cookie; that cookie is set for
`READ_YOUR_WRITES_SECONDS` on any response whose request wrote, so the editor who just saved
sees the saved state even while the replica lags behind. Only processes that serve requests
read from the replica: management commands (migrations, imports) and task workers read the
primary (also when a task renders a page through the site's middleware, `offline_render()`),
as do reads inside a transaction on the primary, so they see what they just wrote.
After any write, every reader reads the primary for `READ_YOUR_WRITES_SECONDS` too
(`note_write()`), so no page or fragment cached under an edit's new version tokens was rendered
from a replica that had not replayed the edit yet.

When the replica cannot be reached, reads fall back to the primary: before its first read of a
request a worker checks its replica connection (the health check Django runs once per request
anyway, and a connect when there is none); if that fails, the worker reads from the primary for
`DATABASE_REPLICA_RETRY_SECONDS` and then tries the replica again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import monotonic

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

PRIMARY = "default"
PIN_COOKIE = "newsroom_primary"

_pinned: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)
# Set by offline_render(): a handler made outside a web process reads the primary.
_offline: ContextVar[bool] = ContextVar("offline_render", default=False)
_wrote: ContextVar[list[bool] | None] = ContextVar("request_wrote", default=None)
# Set when a request handler loads the middleware: only web processes read from the replica.
_serves_requests = False
# Whether someone wrote within READ_YOUR_WRITES_SECONDS, read once per request (empty: not yet).
_settling: ContextVar[list[bool] | None] = ContextVar("replica_settling", default=None)
SETTLING_KEY = "replica:settling"
_settling_marked_at = float("-inf")  # monotonic() of this process's last mark
# monotonic() before which this process reads from the primary: the replica failed its check.
_replica_down_until = 0.0

logger = logging.getLogger(__name__)


def replica_available(alias: str) -> bool:
    """Whether reads may go to `alias`: connected and healthy, or down long enough to retry."""
    global _replica_down_until
    if monotonic() < _replica_down_until:
        return False
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()  # at most once per request, as Django does
        connection.ensure_connection()  # no-op when a connection is open
    except DatabaseError as error:
        seconds = settings.DATABASE_REPLICA_RETRY_SECONDS
        _replica_down_until = monotonic() + seconds
        logger.warning(
            "Replica %r unreachable, reading the primary for %ss: %s", alias, seconds, error
        )
        return False
    return True


def note_write() -> None:
    """Some process wrote: for `READ_YOUR_WRITES_SECONDS` every reader reads the primary.

    A page or fragment rendered from a replica that has not replayed an edit yet would be stored
    under the version tokens the edit just bumped and served as current until the next edit.
    The mark lives in the shared cache, is set at most once a second per process and expires
    on its own, so the replica takes the reads again once every server has been quiet a while.
    """
    global _settling_marked_at
    now = monotonic()
    if settings.DATABASE_READ_REPLICA is None or now - _settling_marked_at < 1:
        return
    _settling_marked_at = now
    timeout = settings.READ_YOUR_WRITES_SECONDS
    caches[settings.PAGE_CACHE_ALIAS].set(SETTLING_KEY, True, timeout=timeout)


def replica_settling() -> bool:
    """Whether anyone wrote within `READ_YOUR_WRITES_SECONDS` (one cache read per request)."""
    memo = _settling.get()  # None outside a request: nothing to remember it for
    if memo:
        return memo[0]
    settling = caches[settings.PAGE_CACHE_ALIAS].get(SETTLING_KEY) is not None
    if memo is not None:
        memo.append(settling)
    return settling


class ReplicaRouter:
    """Reads to the replica unless pinned; writes, relations and migrations on the primary."""

    def db_for_read(self, model, **hints) -> str:
        replica = settings.DATABASE_READ_REPLICA
        if (
            replica is None
            or not _serves_requests  # commands, task workers, migrations
            or _pinned.get()
            or connections[PRIMARY].in_atomic_block  # a transaction reads its own writes
            or replica_settling()  # the replica may not have replayed a recent edit
            or not replica_available(replica)
        ):
            return PRIMARY
        return replica

    def db_for_write(self, model, **hints) -> str:
        note_write()
        wrote = _wrote.get()
        if wrote is not None:
            wrote.append(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        """Replica and primary hold the same rows, so objects from either may be related."""
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY


@contextmanager
def offline_render() -> Iterator[None]:
    """Within it, a request handler built and called outside a web process (the task queue
    rendering an edited page through the site's middleware) reads the primary, and loading its
    middleware does not make this process one that serves requests: a task worker keeps reading
    what it and the editors just wrote, not a replica that may lag."""
    token = _offline.set(True)
    try:
        yield
    finally:
        _offline.reset(token)


class PrimaryPinningMiddleware:
    """Pins admin, unsafe and just-wrote requests to the primary; marks editors who wrote."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        global _serves_requests
        if not _offline.get():
            _serves_requests = True
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DATABASE_READ_REPLICA is None:
            return self.get_response(request)
        pinned = (
            _offline.get()
            or request.method not in ("GET", "HEAD", "OPTIONS")
            or request.path.startswith(reverse("admin:index"))
            or PIN_COOKIE in request.COOKIES
        )
        wrote: list[bool] = []
        pin_token = _pinned.set(pinned)
        wrote_token = _wrote.set(wrote)
        settling_token = _settling.set([])
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(pin_token)
            _wrote.reset(wrote_token)
            _settling.reset(settling_token)
        if wrote:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
