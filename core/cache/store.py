"""Versioned entries in two tiers: the shared cache, and this process's copies of them.

Pages and fragments are both stored as an `Entry`: the value, the version tokens of what it
shows as they were when it was made, and the moment it expires. An entry is served only while
it has not expired and its tokens are all current, so an edit anywhere retires it for every
process at once, and nothing is ever cleared.

Each process also keeps copies of the entries it used last (least recently used go first).
A copy spares a round trip to the shared cache and the unpickling of what it returns; it is
only used after the same check as the shared entry, so it can be old but never served stale.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches


def shared_cache() -> BaseCache:
    """The cache every process sees: version tokens, pages and fragments live there."""
    return caches[settings.PAGE_CACHE_ALIAS]


@dataclass(frozen=True)
class Entry:
    value: Any
    versions: dict[str, str]  # tag -> its version token when the value was made
    expires_at: float  # time.time()


# What a caller says the tokens of an entry must be now, given its key and the entry.
VersionsNow = Callable[[str, Entry], Mapping[str, str]]


class _LocalCopies:
    """A small least-recently-used store in process memory, safe across threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


class TwoTierStore:
    """Entries in the shared cache, with this process's copies of the `size` used last."""

    def __init__(self, size: int) -> None:
        self.copies = _LocalCopies(size)

    def get_many(self, keys: Iterable[str], versions_now: VersionsNow) -> dict[str, Entry]:
        """The current entries under `keys`: this process's copy where it has a current one,
        else the shared entry (all of them in one round trip)."""
        found: dict[str, Entry] = {}
        lacking = []
        for key in dict.fromkeys(keys):
            entry = self.copies.get(key)
            if entry is not None and _is_current(key, entry, versions_now):
                found[key] = entry
            else:
                lacking.append(key)
        if lacking:
            for key, entry in shared_cache().get_many(lacking).items():
                if _is_current(key, entry, versions_now):
                    self.copies.put(key, entry)
                    found[key] = entry
        return found

    def get_or_previous(
        self, key: str, versions_now: VersionsNow
    ) -> tuple[Entry | None, Entry | None]:
        """The current entry under `key`, or else the newest one this process or the shared
        cache holds though it is no longer current (None when there is none)."""
        copy = self.copies.get(key)
        if copy is not None and _is_current(key, copy, versions_now):
            return copy, None
        shared = shared_cache().get(key)
        if shared is not None and _is_current(key, shared, versions_now):
            self.copies.put(key, shared)
            return shared, None
        return None, shared if shared is not None else copy

    def set_many(self, entries: Mapping[str, Entry]) -> None:
        """Store `entries` (made together, so expiring together) in both tiers."""
        if not entries:
            return
        seconds = max(entry.expires_at for entry in entries.values()) - time.time()
        if seconds <= 0:
            return
        shared_cache().set_many(dict(entries), timeout=math.ceil(seconds))
        for key, entry in entries.items():
            self.copies.put(key, entry)

    def forget_copies(self) -> None:
        """Drop this process's copies, as a fresh process has none (tests)."""
        self.copies.clear()


def _is_current(key: str, entry: Entry, versions_now: VersionsNow) -> bool:
    # The expiry first: it is free, the tokens may cost a round trip.
    return entry.expires_at > time.time() and entry.versions == versions_now(key, entry)
