"""Pieces of pages made once per version of what they show: widget HTML and page data.

The page cache (`core.cache.pages`) stores whole pages. A page-cache miss happens when anything
on the page changed, most often a widget shared by every page (a publish renews the section
blocks of every article page). What the miss renders again is cached here in pieces, under the
same versioned tags, so it pays only for the piece that actually changed:

- `cached_fragment(name, tags, render)`: HTML (or any picklable value) whose tags are known
  before it is made, such as the navigation, "More in" or the section blocks.
- `cached_value(name, make, tags_of)`: a value whose tags are known only once it is made, such
  as an article with its bylines and tags (its tags name its section, authors and tags).

Each entry keeps the version tokens it was made with and is served only while they are all
current, so an edit retires it for every process at once, exactly like a stored page. Entries
live no longer than the next scheduled publication or expiry, unless they show no articles and
say so with a plain `lifetime` in seconds. `FRAGMENT_CACHE_ENABLED` off keeps nothing between
requests: a piece is made once per request (the brand, the live stories and the menus each
appear several times on a page), and again after an edit within it. Rendering inside
`not_kept()` (a page made from unsaved data, such as the editor's live preview) neither reads
nor stores anything, not even for the rest of the request.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils import timezone

from core.cache.lifetimes import UNTIL_NEXT_CHANGE, Lifetime, seconds_to_keep
from core.cache.pages import depends_on
from core.cache.store import Entry, TwoTierStore
from core.cache.versions import EPOCH, current_versions, request_memo

# Part of every key: entries stored by an older release (another entry type) are never read.
FORMAT = 3
# Shared entries, with copies of the 256 this process used last: a hit then needs no round
# trip or unpickling, and is checked against the same version tokens (read once per request).
store = TwoTierStore(256)
_bypassed = contextvars.ContextVar("fragments_bypassed", default=False)


@contextlib.contextmanager
def not_kept():
    """Within this block (this thread or task only), fragments are made and never kept."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def keeping() -> bool:
    """Whether fragments may be read and kept here (not within `not_kept()`)."""
    return not _bypassed.get()


@lru_cache(maxsize=8192)  # a list page names forty-odd pieces, the same on every view
def _key(name: str) -> str:
    return f"fragment:{FORMAT}:" + hashlib.sha256(name.encode()).hexdigest()


def _keep(
    values: Mapping[str, Any], versions: Mapping[str, dict], lifetimes: Mapping[str, Lifetime]
) -> None:
    """Store `values` (by key) made now with the tokens `versions[key]`, each for as long as
    its lifetime lets it live."""
    now, entries = timezone.now(), {}
    seconds = {life: seconds_to_keep(life, now) for life in {lifetimes[key] for key in values}}
    for key, value in values.items():
        if (kept_for := seconds[lifetimes[key]]) > 0:
            entries[key] = Entry(value, versions[key], time.time() + kept_for)
    if entries:
        store.set_many(entries)


def _made_this_request(key: str, make: Callable[[], Any]) -> Any:
    """`make()` once per request (and per edit within it: `bump()` clears the request's memo);
    outside a request, every time."""
    memo = request_memo()
    if memo is None:
        return make()
    made = memo.setdefault("fragments", {})
    if key not in made:
        made[key] = make()
    return made[key]


def cached_fragment(
    name: str,
    tags: Iterable[str],
    render: Callable[[], Any],
    *,
    lifetime: Lifetime = UNTIL_NEXT_CHANGE,
) -> Any:
    """`render()`, made once per version of `tags`."""
    return cached_fragments([(name, tags, render)], lifetime=lifetime)[0]


def cached_fragments(
    pieces: list[tuple[str, Iterable[str], Callable[[], Any]]]
    | list[tuple[str, Iterable[str], Callable[[], Any], Lifetime]],
    *,
    lifetime: Lifetime = UNTIL_NEXT_CHANGE,
    record: bool = True,
) -> list[Any]:
    """Several `(name, tags, render)` fragments at once (a list of teasers): one round trip
    for all their tokens, one for the entries this process has no copy of, one to store the
    ones it had to render. A piece may name its own lifetime as a fourth item. `record=False`
    leaves the page's dependencies to the caller (`core.site_values` reads values a page may
    not show)."""
    lifetimes = {_key(piece[0]): piece[3] if len(piece) > 3 else lifetime for piece in pieces}
    pieces = [(_key(name), sorted(set(tags)), render) for name, tags, render, *_ in pieces]
    all_tags = {tag for _, tags, _ in pieces for tag in tags}
    if record:
        depends_on(*all_tags)
    if _bypassed.get():
        return [render() for _, _, render in pieces]
    if not settings.FRAGMENT_CACHE_ENABLED:
        return [_made_this_request(key, render) for key, _, render in pieces]
    current = current_versions(all_tags)  # read before rendering: an edit meanwhile retires it
    versions = {key: {tag: current[tag] for tag in tags} for key, tags, _ in pieces}
    found = store.get_many(versions, lambda key, entry: versions[key])
    values = []
    made = {}
    for key, _, render in pieces:
        if key in found:
            values.append(found[key].value)
        else:
            made[key] = render()
            values.append(made[key])
    if made:
        _keep(made, versions, lifetimes)
    return values


def cached_value(
    name: str, make: Callable[[], Any], tags_of: Callable[[Any], Iterable[str]]
) -> Any:
    """`make()`, kept until an edit touches one of `tags_of(value)` or the schedule moves.

    A `None` from `make()` (nothing to show) is never stored. The tags are unknown before the
    value is made, so a value made while anything was edited (the epoch moved) is not stored.
    """
    if not settings.FRAGMENT_CACHE_ENABLED or _bypassed.get():
        value = make() if _bypassed.get() else _made_this_request(_key(name), make)
        if value is not None:
            depends_on(*tags_of(value))
        return value
    key = _key(name)
    found = store.get_many([key], lambda key, entry: current_versions(entry.versions))
    if key in found:
        depends_on(*found[key].versions)
        return found[key].value
    epoch = current_versions([EPOCH])[EPOCH]
    value = make()
    if value is None:
        return None
    tags = set(tags_of(value))
    depends_on(*tags)
    versions = current_versions(tags | {EPOCH}, fresh=True)
    if versions.pop(EPOCH) == epoch:
        _keep({key: value}, {key: versions}, {key: UNTIL_NEXT_CHANGE})
    return value
