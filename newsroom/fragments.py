"""Pieces of pages made once per version of what they show: widget HTML and page data.

The page cache (`newsroom.caching`) stores whole pages. A page-cache miss happens when anything
on the page changed, most often a widget shared by every page (a publish renews the section
blocks of every article page). What the miss renders again is cached here in pieces, under the
same versioned tags, so it pays only for the piece that actually changed:

- `cached_fragment(name, tags, render)`: HTML (or any picklable value) whose tags are known
  before it is made, such as the navigation, "More in" or the section blocks.
- `cached_value(name, make, tags_of)`: a value whose tags are known only once it is made, such
  as an article with its bylines and tags (its tags name its section, authors and tags).

Each entry keeps the version tokens it was made with and is served only while they are all
current, so an edit retires it for every process at once, exactly like a stored page. Entries
also live no longer than the next scheduled publication or expiry, unless they show no articles
(`follows_schedule=False`). `FRAGMENT_CACHE_ENABLED` off makes both functions call through.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from .caching import (
    EPOCH,
    current_versions,
    depends_on,
    seconds_until_next_change,
    shared_cache,
)
from .local_copies import LocalCopies

# Entries this process keeps beside the shared cache (the least recently used go first).
LOCAL_ENTRIES = 256
FORMAT = 2


@dataclass(frozen=True)
class _Entry:
    versions: dict[str, str]
    value: Any
    expires_at: float | None  # time.time(); None: only an edit retires it

    def is_current(self, versions: dict[str, str]) -> bool:
        fresh = self.expires_at is None or self.expires_at > time.time()
        return fresh and self.versions == versions


# This process's copies of the entries it used last: a hit then needs no round trip or
# unpickling, and is checked against the same version tokens (read once per request).
local_copies = LocalCopies(LOCAL_ENTRIES)


def _key(name: str) -> str:
    # The format is part of the key: entries stored by an older release are never read.
    return f"fragment:{FORMAT}:" + hashlib.sha256(name.encode()).hexdigest()


def _lookup(key: str, versions_of: Callable[[_Entry], dict[str, str]]) -> _Entry | None:
    """The current entry under `key`: this process's copy, else the shared one."""
    entry = local_copies.get(key)
    if entry is not None and entry.is_current(versions_of(entry)):
        return entry
    entry = shared_cache().get(key)
    if entry is not None and entry.is_current(versions_of(entry)):
        local_copies.put(key, entry)
        return entry
    return None


def _lifetime(follows_schedule: bool) -> int | None:
    """Seconds an entry made now may live (None: until an edit), 0: must not be stored."""
    return seconds_until_next_change(timezone.now()) if follows_schedule else None


def _store(key: str, versions: dict[str, str], value: Any, follows_schedule: bool) -> None:
    if (lifetime := _lifetime(follows_schedule)) == 0:
        return
    entry = _Entry(versions, value, None if lifetime is None else time.time() + lifetime)
    shared_cache().set(key, entry, timeout=lifetime)
    local_copies.put(key, entry)


def cached_fragment(
    name: str, tags: Iterable[str], render: Callable[[], Any], *, follows_schedule: bool = True
) -> Any:
    """`render()`, made once per version of `tags`."""
    return cached_fragments([(name, tags, render)], follows_schedule=follows_schedule)[0]


def cached_fragments(
    pieces: list[tuple[str, Iterable[str], Callable[[], Any]]], *, follows_schedule: bool = True
) -> list[Any]:
    """Several `(name, tags, render)` fragments at once (a list of teasers): one round trip
    for all their tokens, one for the entries this process has no copy of, one to store the
    ones it had to render."""
    pieces = [(name, sorted(set(tags)), render) for name, tags, render in pieces]
    all_tags = {tag for _, tags, _ in pieces for tag in tags}
    depends_on(*all_tags)
    if not settings.FRAGMENT_CACHE_ENABLED:
        return [render() for _, _, render in pieces]
    current = current_versions(all_tags)  # read before rendering: an edit meanwhile retires it
    keys = [_key(name) for name, _, _ in pieces]
    versions = [{tag: current[tag] for tag in tags} for _, tags, _ in pieces]
    values: list[Any] = [None] * len(pieces)
    lacking = []
    for index, key in enumerate(keys):
        entry = local_copies.get(key)
        if entry is not None and entry.is_current(versions[index]):
            values[index] = entry.value
        else:
            lacking.append(index)
    shared = shared_cache().get_many([keys[index] for index in lacking]) if lacking else {}
    made: dict[str, _Entry] = {}
    lifetime = _UNKNOWN = -1
    for index in lacking:
        entry = shared.get(keys[index])
        if entry is not None and entry.is_current(versions[index]):
            local_copies.put(keys[index], entry)
            values[index] = entry.value
            continue
        values[index] = pieces[index][2]()
        if lifetime == _UNKNOWN:
            lifetime = _lifetime(follows_schedule)
        if lifetime != 0:
            expires_at = None if lifetime is None else time.time() + lifetime
            made[keys[index]] = _Entry(versions[index], values[index], expires_at)
    if made:
        shared_cache().set_many(made, timeout=lifetime)
        for key, entry in made.items():
            local_copies.put(key, entry)
    return values


def cached_value(
    name: str, make: Callable[[], Any], tags_of: Callable[[Any], Iterable[str]]
) -> Any:
    """`make()`, kept until an edit touches one of `tags_of(value)` or the schedule moves.

    A `None` from `make()` (nothing to show) is never stored. The tags are unknown before the
    value is made, so a value made while anything was edited (the epoch moved) is not stored.
    """
    if not settings.FRAGMENT_CACHE_ENABLED:
        value = make()
        if value is not None:
            depends_on(*tags_of(value))
        return value
    key = _key(name)
    entry = _lookup(key, lambda entry: current_versions(entry.versions))
    if entry is not None:
        depends_on(*entry.versions)
        return entry.value
    epoch = current_versions([EPOCH])[EPOCH]
    value = make()
    if value is None:
        return None
    tags = set(tags_of(value))
    depends_on(*tags)
    versions = current_versions(tags | {EPOCH}, fresh=True)
    if versions.pop(EPOCH) == epoch:
        _store(key, versions, value, follows_schedule=True)
    return value
