"""Read replica routing with read-your-writes.

With `DATABASE_READ_REPLICA` set (it is when `DATABASE_REPLICA_URL` is), reads go to the
replica and writes to the primary. A request is pinned to the primary when it is not a safe
method, is under the admin, or carries the `newsroom_primary` cookie; that cookie is set for
`READ_YOUR_WRITES_SECONDS` on any response whose request wrote, so the editor who just saved
sees the saved state even while the replica lags behind.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

PRIMARY = "default"
PIN_COOKIE = "newsroom_primary"

_pinned: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)
_wrote: ContextVar[list[bool] | None] = ContextVar("request_wrote", default=None)


class ReplicaRouter:
    """Reads to the replica unless pinned; writes, relations and migrations on the primary."""

    def db_for_read(self, model, **hints) -> str:
        replica = settings.DATABASE_READ_REPLICA
        if replica is None or _pinned.get():
            return PRIMARY
        return replica

    def db_for_write(self, model, **hints) -> str:
        wrote = _wrote.get()
        if wrote is not None:
            wrote.append(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        """Replica and primary hold the same rows, so objects from either may be related."""
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY


class PrimaryPinningMiddleware:
    """Pins admin, unsafe and just-wrote requests to the primary; marks editors who wrote."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DATABASE_READ_REPLICA is None:
            return self.get_response(request)
        pinned = (
            request.method not in ("GET", "HEAD", "OPTIONS")
            or request.path.startswith(reverse("admin:index"))
            or PIN_COOKIE in request.COOKIES
        )
        wrote: list[bool] = []
        pin_token = _pinned.set(pinned)
        wrote_token = _wrote.set(wrote)
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(pin_token)
            _wrote.reset(wrote_token)
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
