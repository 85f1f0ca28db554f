"""Page cache for anonymous readers, with precise invalidation and HTTP caching headers.

How it stays correct:

- A public page's view opts in with `cache_for_readers("article:12", "section:3", ...)`, naming
  what its page shows; widgets and context processors add what they show with `depends_on()`.
  Pages whose view did not opt in (search, admin, previews, forms) are never cached, even when
  they reuse the same templates and widgets.
- Each dependency has a version token in the cache. Editing content replaces the tokens of
  everything it appears in (`bump()`, called from `articles/signals.py`), so every worker sees
  the change at once through the shared cache. A stored page remembers the tokens it was
  rendered with; on a hit they are compared with the current ones in one `get_many`, and any
  difference means a miss. Nothing is ever "cleared".
- A page lives no longer than the next scheduled publication or expiry
  (`Article.objects.next_visibility_change()`), so scheduled stories appear on time.
- A render that overlapped with an invalidation is not stored (the global "epoch" token moved).

Only anonymous GET/HEAD requests without a session or messages cookie, with at most a `page`
query parameter, are served from or stored in the cache; a response that sets a cookie or
varies by cookie (it looked at the session or the user) is never stored.
"""

from __future__ import annotations

import gzip
import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from .local_copies import LocalCopies

EPOCH = "epoch"
# Tags nearly every public page shows (the navigation, the section blocks, the schedule):
# read along with the first tokens a request asks for.
COMMON_TAGS = ("nav", "home", EPOCH)
NEXT_CHANGE_KEY = "next-visibility-change"
_next_change_copy: tuple[str, datetime | None] | None = None
# Copies of the pages this process served last (about 50 KB each with the gzipped copy).
local_pages = LocalCopies(256)
_dependencies: ContextVar[_PageRecord | None] = ContextVar("page_dependencies", default=None)
_request_memo: ContextVar[dict | None] = ContextVar("page_cache_request_memo", default=None)


@dataclass
class _PageRecord:
    tags: set[str] = field(default_factory=set)
    for_readers: bool = False


def depends_on(*tags: str) -> None:
    """Declare that the page being rendered shows the content named by `tags`.

    Called by widgets and context processors; outside a cacheable request it does nothing.
    """
    record = _dependencies.get()
    if record is not None:
        record.tags.update(tags)


def cache_for_readers(*tags: str) -> None:
    """Called by a public page's view: the page may be stored, and shows the content `tags`."""
    record = _dependencies.get()
    if record is not None:
        record.tags.update(tags)
        record.for_readers = True


def cached_for_readers(*tags: str) -> Callable:
    """Decorator for views we do not own (sitemaps, robots.txt): `cache_for_readers(*tags)`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            cache_for_readers(*tags)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def shared_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def version_key(tag: str) -> str:
    return f"pagever:{tag}"


def bump(tags: Iterable[str]) -> None:
    """Give every tag a new version token: pages showing any of them are stale from now on."""
    token = uuid.uuid4().hex
    keys = {version_key(tag): token for tag in {*tags, EPOCH}}
    shared_cache().set_many(keys, timeout=None)
    if (memo := _request_memo.get()) is not None:
        memo.pop("versions", None)  # the rest of this request sees its own change
        memo.pop("next_change", None)


def current_versions(tags: Iterable[str], *, fresh: bool = False) -> dict[str, str]:
    """Version tokens of `tags`, creating the missing ones.

    Within a request, tokens are read once and remembered (a `bump()` forgets them), and the
    first read also fetches `COMMON_TAGS`, so the widgets of a page cost one round trip in all
    rather than one each. `fresh=True` reads them again: the page cache does, after rendering,
    to see whether anything changed meanwhile.
    """
    memo = None if fresh else _request_memo.get()
    known = memo.setdefault("versions", {}) if memo is not None else {}
    wanted = list(dict.fromkeys(tags))
    missing = [tag for tag in wanted if tag not in known]
    if missing:
        if memo is not None:
            missing += [tag for tag in COMMON_TAGS if tag not in known and tag not in missing]
        known.update(_read_versions(missing))
    return {tag: known[tag] for tag in wanted}


def _read_versions(tags: list[str]) -> dict[str, str]:
    """One get_many, rarely followed by an add per missing token.

    A cache that fails quietly (Redis down) leaves tokens missing: they get a fresh token that
    nothing stored can match, so pages are rendered, never served stale.
    """
    cache = shared_cache()
    keys = {version_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        fresh = uuid.uuid4().hex
        for key in missing:
            cache.add(key, fresh, timeout=None)
        found.update(cache.get_many(missing))
    return {tag: found.get(key, fresh if missing else "") for key, tag in keys.items()}


@dataclass(frozen=True)
class CachedPage:
    versions: dict[str, str]
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
    return f"page:{request.get_host()}:{digest}"


def _not_modified(request: HttpRequest, etag: str, last_modified: float) -> bool:
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
    if _not_modified(request, etag, page.last_modified):
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


def seconds_until_next_change(now: datetime) -> int:
    """Seconds a page or fragment rendered `now` may live: until the next time the public set
    changes by itself (a scheduled publication or an expiry), at most `PAGE_CACHE_SECONDS`."""
    lifetime = settings.PAGE_CACHE_SECONDS
    next_change = _next_change(now)
    if next_change is not None:
        lifetime = min(lifetime, int((next_change - now).total_seconds()))
    return max(lifetime, 0)


def _next_change(now: datetime) -> datetime | None:
    """`Article.objects.next_visibility_change()`, asked once per request at most."""
    from articles.models import Article

    memo = _request_memo.get()
    if memo is not None and "next_change" in memo:
        return memo["next_change"]
    if settings.FRAGMENT_CACHE_ENABLED:
        next_change = _shared_next_change(now)
    else:
        next_change = Article.objects.next_visibility_change(now)
    if memo is not None:
        memo["next_change"] = next_change
    return next_change


def _shared_next_change(now: datetime) -> datetime | None:
    """The next visibility change, kept until it passes or until the next edit of anything
    (which moves the epoch token: at save time and again at commit, so a kept answer is never
    older than what readers can see): in this process, and in the shared cache for the others.
    """
    global _next_change_copy
    from articles.models import Article

    epoch = current_versions([EPOCH])[EPOCH]

    def still_valid(kept: tuple[str, datetime | None] | None) -> bool:
        return kept is not None and kept[0] == epoch and (kept[1] is None or kept[1] > now)

    if still_valid(_next_change_copy):
        return _next_change_copy[1]
    if still_valid(kept := shared_cache().get(NEXT_CHANGE_KEY)):
        _next_change_copy = kept
        return kept[1]
    next_change = Article.objects.next_visibility_change(now)
    _next_change_copy = (epoch, next_change)
    shared_cache().set(NEXT_CHANGE_KEY, _next_change_copy, timeout=settings.PAGE_CACHE_SECONDS)
    return next_change


def _is_current(stored: tuple[CachedPage, float]) -> bool:
    page, expires_at = stored
    if expires_at <= time.time():
        return False
    current = shared_cache().get_many([version_key(tag) for tag in page.versions])
    return all(current.get(version_key(tag)) == v for tag, v in page.versions.items())


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
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            response = self.get_response(request)
            return self._private(request, response)

        enabled = settings.PAGE_CACHE_ENABLED
        key = _page_key(request)
        if enabled:
            hit = self._lookup(key)
            if hit is not None:
                page, expires_at = hit
                return _answer(request, page, max(int(expires_at - time.time()), 0))

        epoch = current_versions([EPOCH])[EPOCH] if enabled else ""
        record = _PageRecord()
        token = _dependencies.set(record)
        try:
            response = self.get_response(request)
        finally:
            _dependencies.reset(token)
        if not record.for_readers or not _storable(response):
            return response
        dependencies = record.tags

        now = timezone.now()
        lifetime = seconds_until_next_change(now)
        content = response.content
        versions = current_versions(dependencies | {EPOCH}, fresh=True) if enabled else {}
        unchanged_during_render = versions.pop(EPOCH, None) == epoch
        page = CachedPage(
            versions=versions,
            status=response.status_code,
            headers=[
                (name, value)
                for name, value in response.items()
                if name.lower() not in {"content-length", "etag", "last-modified"}
            ],
            content=content,
            # Compressed once when stored, so hits cost no compression (pages hold no secrets,
            # so BREACH has nothing to find; misses are left to the CDN or proxy).
            gzipped=gzip.compress(content, compresslevel=6, mtime=0) if enabled else None,
            etag=f'"{hashlib.sha256(content).hexdigest()[:32]}"',
            last_modified=now.timestamp(),
        )
        if enabled and lifetime > 0 and unchanged_during_render:
            stored = (page, time.time() + lifetime)
            shared_cache().set(key, stored, timeout=lifetime)
            local_pages.put(key, stored)
        return _answer(request, page, lifetime, rendered=response)

    def _lookup(self, key: str) -> tuple[CachedPage, float] | None:
        """The stored page if all its tokens are current: this process's copy when it has
        one (a hit is then one round trip, for the tokens), else the shared one."""
        local = local_pages.get(key)
        if local is not None and _is_current(local):
            return local
        stored = shared_cache().get(key)
        if stored is not None and _is_current(stored):
            local_pages.put(key, stored)
            return stored
        return None

    def _private(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Pages seen with personal state must never land in a shared (CDN) cache."""
        if request.method in ("GET", "HEAD") and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-cache"
            patch_vary_headers(response, ["Cookie"])
        return response


def purge_urls(urls: list[str]) -> None:
    """Tell the CDN which absolute URLs changed, through `settings.CDN_PURGE_CALLABLE`."""
    from django.utils.module_loading import import_string

    path = settings.CDN_PURGE_CALLABLE
    if path and urls:
        import_string(path)(sorted(set(urls)))
