"""Version tokens: how an edit retires every page and fragment that shows what it changed.

Each tag (`core.cache.tags`) has a version token in the shared cache. Editing content gives
the tags of everything it appears in a new random token (`bump()`, called from
`articles/signals.py`), so every process sees the change at once. Stored entries remember the
tokens they were made with and are served only while those are current. Tokens are random, not
counters, so a token lost to eviction can never come back with an old value.

The "epoch" tag moves with every bump: something made while it moved may show a state that no
token describes, so it is not stored.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from core.cache.grace import WITHDRAWN_KEY
from core.cache.store import shared_cache
from core.cache.tags import HOME, NAV

EPOCH = "epoch"
# Tags nearly every public page shows (the navigation, the section blocks, the schedule):
# read along with the first tokens a request asks for.
COMMON_TAGS = (NAV, HOME, EPOCH)

_request_memo: ContextVar[dict[str, Any] | None] = ContextVar("cache_request_memo", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Within it, tokens (and the next scheduled change) are read once and remembered: the
    page cache middleware opens one per request, so its widgets share one round trip."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def request_memo() -> dict[str, Any] | None:
    """What the current request remembers (None outside a request scope)."""
    return _request_memo.get()


def version_key(tag: str) -> str:
    return f"pagever:{tag}"


def bump(tags: Iterable[str], *, keeps_public: bool = False) -> None:
    """Give every tag a new version token: what shows any of them is stale from now on.

    `keeps_public=True` says the change only added to or edited what is public (nothing left
    it), so pages made before it may be served for a few seconds more while one worker renders
    them again (`core.cache.grace`); any other change makes them unservable at once.
    """
    token = uuid.uuid4().hex
    keys: dict[str, object] = {version_key(tag): token for tag in {*tags, EPOCH}}
    if not keeps_public:
        keys[WITHDRAWN_KEY] = time.time()
    shared_cache().set_many(keys, timeout=None)
    if (memo := _request_memo.get()) is not None:
        memo.clear()  # the rest of this request sees its own change


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
