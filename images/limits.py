"""What one request may spend on decoding images, and one upload at a time per user.

With the ImmediateBackend an upload is decoded inside the request twice (cleaning the
original, then making its renditions; once with the default queue, whose worker makes them):
a 60-megapixel PNG of one colour is a 175 KB file that costs seconds of CPU and ~300 MB of
memory in the worker, and a sync worker is all of a server's capacity divided by its core
count. So, per request:

- a budget of decoded pixels (`IMAGES_REQUEST_MAX_PIXELS`): each upload is charged before it
  is decoded, twice its pixel count while renditions run in the request (once with a queue
  backend), and refused with a form error once the request would pass the budget;
- one upload in flight per user: the first charge takes a slot in the shared cache (Redis in
  production, so it holds across workers and servers); a second upload by the same user while
  the slot is held is refused with a form error instead of taking another worker. The slot is
  freed when the request ends, and expires by itself (`IMAGES_UPLOAD_SLOT_SECONDS`, longer
  than the worker timeout) if the worker dies without freeing it.

Outside a request (importers, management commands) nothing is limited: no middleware opened
the accounting, and those run one at a time by design. If the cache cannot answer (an outage),
uploads go on unlimited rather than all being refused.
"""

import contextlib
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.tasks.backends.immediate import ImmediateBackend

from images.tasks import generate_renditions


@dataclass
class RequestLimits:
    """The decoding this request has done so far, and the upload slot it holds, if any."""

    user: Any  # request.user, still lazy: read only when the request uploads something
    spent_pixels: int = 0
    slot_key: str = ""
    slot_token: str = ""


_current: ContextVar[RequestLimits | None] = ContextVar("image_request_limits", default=None)


def slot_key(user_id: int) -> str:
    return f"images:upload-slot:{user_id}"


def renditions_in_request() -> bool:
    """True while renditions are made right after the upload commits, in the same request."""
    return isinstance(generate_renditions.get_backend(), ImmediateBackend)


def charge_decode(width: int, height: int) -> None:
    """Account for decoding a `width`×`height` upload in this request, before it is decoded.

    Raises ValidationError (a form error on the upload field) when the request would pass its
    pixel budget, or when another upload of the same user is still being processed.
    """
    limits = _current.get()
    if limits is None:
        return
    cost = width * height * (2 if renditions_in_request() else 1)
    budget = settings.IMAGES_REQUEST_MAX_PIXELS
    if limits.spent_pixels + cost > budget:
        raise ValidationError(
            "Processing this image would take this request to %(total).0f megapixels of "
            "decoding; one request may decode at most %(limit).0f. Upload large images one at "
            "a time, or export a smaller version.",
            code="request_pixel_budget",
            params={"total": (limits.spent_pixels + cost) / 1e6, "limit": budget / 1e6},
        )
    if not limits.slot_key and getattr(limits.user, "is_authenticated", False):
        _take_slot(limits)
    limits.spent_pixels += cost


def _take_slot(limits: RequestLimits) -> None:
    key, token = slot_key(limits.user.pk), uuid.uuid4().hex
    if cache.add(key, token, settings.IMAGES_UPLOAD_SLOT_SECONDS):
        limits.slot_key, limits.slot_token = key, token
    elif cache.get(key) is not None:
        raise ValidationError(
            "Another upload of yours is still being processed. Wait until it has finished, "
            "then send this form again.",
            code="upload_in_progress",
        )


def _free_slot(limits: RequestLimits) -> None:
    # Only our own slot: after an expiry another request of the user may hold a new one.
    if limits.slot_key and cache.get(limits.slot_key) == limits.slot_token:
        cache.delete(limits.slot_key)


@contextlib.contextmanager
def request_limits(user: Any = None) -> Iterator[RequestLimits]:
    """Open the decoding account of one request (the middleware does, for every request)."""
    limits = RequestLimits(user=user)
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)
        _free_slot(limits)


class UploadLimitsMiddleware:
    """Opens `request_limits` around each request; place it after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_limits(getattr(request, "user", None)):
            return self.get_response(request)
