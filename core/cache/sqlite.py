"""A cache in one SQLite file: what every worker of one server shares when there is no Redis.

Each gunicorn worker is its own process, so a local-memory cache would let an edit saved
through one worker leave the others serving the old page. A file on the server's disk is seen
by all of them: version tokens, pages and fragments live in one table, in WAL mode (readers
never wait for a writer, one writer at a time waits up to `busy_timeout`). A hit reads a few
tokens by primary key from the page cache of the operating system, about 20 µs; the page
itself comes from the worker's own copy (`core.cache.store`). Measured beside a file-based
cache and the database cache in docs/performance.md ("A fast default without Redis").

Each process (and thread) opens its own connection, again after a fork, since an SQLite
connection must not cross one. Expired rows are deleted now and then on writes, and the oldest
ones go when the table holds more than `MAX_ENTRIES` (OPTIONS, default 5,000).
`LOCATION` is the file's path; its folder is created if missing.
"""

from __future__ import annotations

import os
import pickle
import random
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

SCHEMA = "CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value BLOB, expires REAL)"
# Expiry and size are checked on about one write in this many (a COUNT costs a scan).
CULL_EVERY = 200
# SQLite takes at most 32,766 parameters per statement (fewer on old builds): batch below it.
BATCH = 500


class SQLiteCache(BaseCache):
    """Django's cache API on a shared SQLite file (see the module docstring)."""

    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)
        self.path = Path(location)
        self.max_entries = int(params.get("OPTIONS", {}).get("MAX_ENTRIES", 5000))
        self._local = threading.local()

    # Connections ----------------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            if hasattr(local, "connection"):
                # Opened before a fork (gunicorn's preload): never used nor closed here, since
                # closing a copy may checkpoint the WAL under the parent's feet.
                _INHERITED.append(local.connection)
            local.connection = self._connect()
            local.pid = os.getpid()
        return local.connection

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit: each statement is its own transaction unless one is opened explicitly.
        connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        # WAL with synchronous=NORMAL may lose the last writes on power loss, never corrupt:
        # fine for a cache, and a write costs no fsync.
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(SCHEMA)
        return connection

    # Helpers ----------------------------------------------------------------------------------

    def _expires(self, timeout: Any) -> float | None:
        """The moment an entry set now with `timeout` expires (None: never)."""
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else time.time() + timeout

    def _cull_sometimes(self) -> None:
        if random.randrange(CULL_EVERY):  # noqa: S311 (spreads work, guards nothing)
            return
        db = self.db
        db.execute("DELETE FROM cache WHERE expires <= ?", (time.time(),))
        (count,) = db.execute("SELECT COUNT(*) FROM cache").fetchone()
        if count > self.max_entries:
            surplus = count - self.max_entries + self.max_entries // 10
            db.execute(
                "DELETE FROM cache WHERE key IN (SELECT key FROM cache ORDER BY "
                "expires IS NULL, expires LIMIT ?)",
                (surplus,),
            )

    # The cache API ----------------------------------------------------------------------------

    def get(self, key, default=None, version=None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        row = self.db.execute(
            "SELECT value FROM cache WHERE key = ? AND (expires IS NULL OR expires > ?)",
            (key, time.time()),
        ).fetchone()
        return default if row is None else pickle.loads(row[0])  # noqa: S301 (written by us)

    def get_many(self, keys: Iterable[str], version=None) -> dict[str, Any]:
        names = {self.make_and_validate_key(key, version=version): key for key in keys}
        found = {}
        now = time.time()
        wanted = list(names)
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start : start + BATCH]
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"SELECT key, value FROM cache WHERE key IN ({marks}) "  # noqa: S608 (only ?s)
                "AND (expires IS NULL OR expires > ?)",
                (*batch, now),
            )
            found.update({names[key]: pickle.loads(value) for key, value in rows})  # noqa: S301
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self.set_many({key: value}, timeout, version)

    def set_many(self, data: dict[str, Any], timeout=DEFAULT_TIMEOUT, version=None) -> list:
        expires = self._expires(timeout)
        rows = [
            (self.make_and_validate_key(key, version=version), pickle.dumps(value, -1), expires)
            for key, value in data.items()
        ]
        if rows:
            self.db.executemany("INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", rows)
            self._cull_sometimes()
        return []

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        """Store `value` unless a live entry holds `key`: atomic, so it can serve as a lock."""
        key = self.make_and_validate_key(key, version=version)
        cursor = self.db.execute(
            "INSERT INTO cache VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value, expires = excluded.expires "
            "WHERE cache.expires IS NOT NULL AND cache.expires <= ?",
            (key, pickle.dumps(value, -1), self._expires(timeout), time.time()),
        )
        return cursor.rowcount == 1

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        cursor = self.db.execute(
            "UPDATE cache SET expires = ? WHERE key = ? AND (expires IS NULL OR expires > ?)",
            (self._expires(timeout), key, time.time()),
        )
        return cursor.rowcount == 1

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self.db.execute("DELETE FROM cache WHERE key = ?", (key,)).rowcount == 1

    def delete_many(self, keys: Iterable[str], version=None) -> None:
        for key in keys:
            self.delete(key, version=version)

    def has_key(self, key, version=None) -> bool:
        return self.get(key, default=_MISSING, version=version) is not _MISSING

    def incr(self, key, delta=1, version=None) -> int:
        """Add `delta` in one transaction, so two processes never lose an increment."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            value = self.get(key, default=_MISSING, version=version)
            if value is _MISSING:
                raise ValueError(f"Key '{key}' not found.")
            value += delta
            name = self.make_and_validate_key(key, version=version)
            db.execute("UPDATE cache SET value = ? WHERE key = ?", (pickle.dumps(value, -1), name))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return value

    def clear(self) -> bool:
        self.db.execute("DELETE FROM cache")
        return True

    def close(self, **kwargs) -> None:
        """Kept open across requests: Django calls this after each one."""


_MISSING = object()
_INHERITED: list[sqlite3.Connection] = []
