"""Page cache for anonymous readers, with precise invalidation and HTTP caching headers.

How it stays correct:

- A public page's view opts in with `page_shows(tag_for(article), tag_for(section), ...)`,
  naming what its page shows; widgets and context processors add what they show with
  `depends_on()`. Pages whose view did not opt in (search, admin, previews, forms) are never
  cached, even when they reuse the same templates and widgets.
- A stored page remembers the version tokens of its tags as they were when it was rendered
  (`core.cache.versions`); on a hit they are compared with the current ones in one `get_many`,
  and any difference means a miss. Nothing is ever "cleared".
- A page lives no longer than the next scheduled publication or expiry
  (`core.cache.lifetimes`), so scheduled stories appear on time.
- A render that overlapped with an invalidation is not stored (the global "epoch" token moved).

Only anonymous GET/HEAD requests without a session or messages cookie, with at most a `page`
query parameter, are served from or stored in the cache; a response that sets a cookie or
varies by cookie (it looked at the session or the user) is never stored.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

from core.cache.grace import Claim, hold_render, note_render_start, release_render
from core.cache.lifetimes import (
    UNTIL_NEXT_CHANGE,
    seconds_to_keep,
)
from core.cache.store import Entry, TwoTierStore
from core.cache.versions import EPOCH, current_versions, request_scope

# Part of every key: pages stored by an older release (another entry type) are never read.
FORMAT = 2
# Shared pages, with copies of the 256 this process served last (about 50 KB each with the
# gzipped copy).
pages = TwoTierStore(256)
_dependencies: ContextVar[_PageRecord | None] = ContextVar("page_dependencies", default=None)
_refreshing: ContextVar[bool] = ContextVar("page_refreshing", default=False)


@dataclass
class _PageRecord:
    tags: set[str] = field(default_factory=set)
    for_readers: bool = False
    seconds: int | None = None  # a view's cap on how long the page may be kept


def depends_on(*tags: str) -> None:
    """Declare that the page being rendered shows the content named by `tags`.

    Called by widgets and context processors; outside a cacheable request it does nothing.
    """
    record = _dependencies.get()
    if record is not None:
        record.tags.update(tags)


def page_shows(*tags: str, seconds: int | None = None) -> None:
    """Called by a public page's view: the page may be stored, and shows the content `tags`.

    `seconds` caps how long it is kept, here and by a CDN (its `s-maxage`): for resources
    polled by many readers whose CDN copies no purge can reach (a live blog's update check).
    """
    record = _dependencies.get()
    if record is not None:
        record.tags.update(tags)
        record.for_readers = True
        if seconds is not None:
            record.seconds = min(seconds, record.seconds or seconds)


def cacheable_page(*tags: str) -> Callable:
    """Decorator for views we do not own (sitemaps, robots.txt): they call `page_shows(*tags)`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            page_shows(*tags)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@dataclass(frozen=True)
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    gzipped: bytes | None
    etag: str
    last_modified: float


def is_cacheable_request(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD of a public URL, with no personal state attached."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if any(cookie in cookies for cookie in settings.PAGE_CACHE_BYPASS_COOKIES):
        return False
    return set(request.GET) <= set(settings.PAGE_CACHE_QUERY_PARAMETERS)


def _page_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{FORMAT}:{request.get_host()}:{digest}"


def hold_for_refresh(request: HttpRequest) -> bool:
    """Claim the render of the page `request` asks for, for a refresh elsewhere (the task
    queue's, under `refreshing()`): until it is stored, readers are served the copy they
    find, within the grace's bounds (`core.cache.grace`). False when nothing was claimed (the
    page cache or the grace is off, the request's host is not served here, or someone is
    rendering it already)."""
    if not settings.PAGE_CACHE_ENABLED:
        return False
    try:
        key = _page_key(request)
    except DisallowedHost:  # SITE_URL's host missing from ALLOWED_HOSTS: no reader's key
        return False
    return hold_render(key)


@contextlib.contextmanager
def refreshing() -> Iterator[None]:
    """Within it, requests through the middleware render their page and store it whatever the
    cache holds (no hit, no grace), then free its render for the next claim."""
    token = _refreshing.set(True)
    try:
        yield
    finally:
        _refreshing.reset(token)


def not_modified(request: HttpRequest, etag: str, last_modified: float) -> bool:
    """Whether the client's copy (If-None-Match, else If-Modified-Since) is still current."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        candidates = {value.strip().removeprefix("W/") for value in if_none_match.split(",")}
        return etag in candidates or "*" in candidates
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(last_modified) <= since


def _public_cache_control(response: HttpResponse, lifetime: int) -> None:
    browser = min(settings.PAGE_CACHE_BROWSER_SECONDS, lifetime)
    response["Cache-Control"] = (
        f"public, max-age={browser}, s-maxage={lifetime}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
    )


def _wants_gzip(request: HttpRequest, page: CachedPage) -> bool:
    return page.gzipped is not None and "gzip" in request.headers.get("Accept-Encoding", "")


def _answer(
    request: HttpRequest, page: CachedPage, lifetime: int, rendered: HttpResponse | None = None
) -> HttpResponse:
    """The stored page, its compressed copy (on hits), or a 304, with the caching headers."""
    gzipped = rendered is None and _wants_gzip(request, page)
    etag = page.etag[:-1] + '-gz"' if gzipped else page.etag
    if not_modified(request, etag, page.last_modified):
        response = HttpResponseNotModified()
    elif rendered is not None:
        response = rendered
    else:
        body = page.gzipped if gzipped else page.content
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=page.status)
        for name, value in page.headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
        if gzipped:
            response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(page.last_modified)
    _public_cache_control(response, lifetime)
    return response


def _storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "cookie" in response.get("Vary", "").lower():
        return False
    return "private" not in response.get("Cache-Control", "")


def _page_of(response: HttpResponse, last_modified: float, compress: bool) -> CachedPage:
    content = response.content
    return CachedPage(
        status=response.status_code,
        headers=[
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"content-length", "etag", "last-modified"}
        ],
        content=content,
        # Compressed once when stored, so hits cost no compression (pages hold no secrets,
        # so BREACH has nothing to find; misses are left to the CDN or proxy).
        gzipped=gzip.compress(content, compresslevel=6, mtime=0) if compress else None,
        etag=f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        last_modified=last_modified,
    )


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous readers (see the module docstring).

    Sits right after WhiteNoise, before sessions and authentication, so a hit costs one cache
    round trip (two when this worker has no copy of the page) and no database work. With
    `PAGE_CACHE_ENABLED` off, pages still get their HTTP caching headers and 304s; only the
    server-side store is skipped.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_scope():
            return self._respond(request)

    def _respond(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            response = self.get_response(request)
            return self._private(request, response)
        if not settings.PAGE_CACHE_ENABLED:
            return self._render(request, key=None)
        key = _page_key(request)
        if _refreshing.get():
            try:
                return self._render(request, key)
            finally:
                release_render(key)
        hit, previous = pages.get_or_previous(
            key, lambda key, entry: current_versions(entry.versions)
        )
        if hit is not None:
            return _answer(request, hit.value, max(int(hit.expires_at - time.time()), 0))
        if previous is None:
            return self._render(request, key)
        claim = Claim(key, previous.value.last_modified, previous.expires_at)
        if claim.serve_previous:  # another worker is rendering it (core/cache/grace.py)
            return _answer(request, previous.value, 0)
        try:
            return self._render(request, key)
        finally:
            claim.release()

    def _render(self, request: HttpRequest, key: str | None) -> HttpResponse:
        """The view's response, stored under `key` (None: not stored) when it may be."""
        epoch = ""
        if key is not None:
            epoch = current_versions([EPOCH])[EPOCH]
            note_render_start()
        record = _PageRecord()
        token = _dependencies.set(record)
        try:
            response = self.get_response(request)
        finally:
            _dependencies.reset(token)
        if not record.for_readers or not _storable(response):
            return response

        now = timezone.now()
        lifetime = seconds_to_keep(UNTIL_NEXT_CHANGE, now)
        if record.seconds is not None:
            lifetime = min(lifetime, record.seconds)
        page = _page_of(response, now.timestamp(), compress=key is not None)
        if key is not None and lifetime > 0:
            versions = current_versions(record.tags | {EPOCH}, fresh=True)
            if versions.pop(EPOCH) == epoch:  # nothing was edited while it rendered
                pages.set_many({key: Entry(page, versions, time.time() + lifetime)})
        return _answer(request, page, lifetime, rendered=response)

    def _private(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Pages seen with personal state must never land in a shared (CDN) cache."""
        if request.method in ("GET", "HEAD") and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-cache"
            patch_vary_headers(response, ["Cookie"])
        return response


def purge_urls(urls: list[str]) -> None:
    """Tell the CDN which absolute URLs changed, through `settings.CDN_PURGE_CALLABLE`."""
    path = settings.CDN_PURGE_CALLABLE
    if path and urls:
        import_string(path)(sorted(set(urls)))
