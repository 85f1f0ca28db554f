"""Conditional GETs (ETag, Last-Modified, 304) and the shared copy of public answers.

A public answer is kept with `core.cache.fragments.cached_value` under the cache tags of what
it shows, so the same edits that retire the site's pages retire it, and it lives no longer
than the next scheduled publication or expiry. Token callers' answers are never kept.
"""

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from api.problems import Problem
from api.tokens import Caller
from core.cache.fragments import cached_value
from core.cache.pages import not_modified


@dataclass(frozen=True)
class Answer:
    content: bytes
    made_at: float
    tags: tuple[str, ...]
    etag_prefix: str = ""

    @property
    def etag(self) -> str:
        return f'"{self.etag_prefix}{hashlib.sha256(self.content).hexdigest()[:32]}"'


def answer(data: dict, tags, etag_prefix: str = "") -> Answer:
    content = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    return Answer(content, time.time(), tuple(sorted(set(tags))), etag_prefix)


def respond(
    request: HttpRequest,
    caller: Caller,
    make: Callable[[], Answer | None],
    missing: str = "Not found.",
) -> HttpResponse:
    """`make()`'s answer (kept and shared for anonymous callers), or a 304; a 404 problem
    when `make()` finds nothing."""
    if caller.is_anonymous:
        made = cached_value(f"api:{request.get_full_path()}", make, lambda found: found.tags)
    else:
        made = make()
    if made is None:
        raise Problem(404, missing)
    if not_modified(request, made.etag, made.made_at):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(made.content, content_type="application/json")
    response["ETag"] = made.etag
    response["Last-Modified"] = http_date(made.made_at)
    # Browsers and CDNs revalidate every time (a cheap 304): an unpublished story must go.
    response["Cache-Control"] = "public, no-cache" if caller.is_anonymous else "private, no-cache"
    patch_vary_headers(response, ["Authorization", "Origin"])
    return response
