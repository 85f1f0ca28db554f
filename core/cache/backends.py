"""A Redis cache that degrades to "no cache" instead of failing the page.

Django's RedisCache raises when Redis is unreachable, which would turn a cache outage into a
site outage. Here every cache operation that hits a Redis connection error is logged and
answered as a miss (reads) or ignored (writes), and Redis is not tried again for a few
seconds, so an outage costs one connect timeout per interval rather than one per call.

It is written on Django's public cache API (`BaseCache`) and redis-py's, not as a subclass of
Django's RedisCache, whose client is reached only through private attributes. That client also
builds a new `redis.Redis` object for every cache call (its constructor fills a table of
response callbacks, about 0.1 ms); a page reads the cache several times, so here one client is
built per cache object and reused (it is thread-safe: its pool hands out connections).
`LOCATION` is one Redis URL; `OPTIONS` are redis-py connection options.
"""

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisSerializer
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class TolerantRedisCache(BaseCache):
    """A Redis cache whose failures are logged and absorbed; retried after `RETRY_SECONDS`."""

    RETRY_SECONDS = 5.0

    def __init__(self, server: str, params: dict) -> None:
        super().__init__(params)
        self.client = redis.Redis.from_url(server, **params.get("OPTIONS", {}))
        # Integers are stored as such, so that `incr` works on them (as Django's RedisCache).
        self.serializer = RedisSerializer()
        self.down_until = 0.0

    def _attempt(self, call: Callable[[], Any], fallback: Any) -> Any:
        if time.monotonic() < self.down_until:
            return fallback
        try:
            return call()
        except UNREACHABLE as error:
            self.down_until = time.monotonic() + self.RETRY_SECONDS
            seconds = self.RETRY_SECONDS
            logger.warning("Redis unreachable, serving without cache for %ss: %s", seconds, error)
            return fallback

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> int | None:
        """Seconds for Redis: None keeps the key for good, 0 or less deletes it."""
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def _load(self, data: bytes | None, default: Any = None) -> Any:
        return default if data is None else self.serializer.loads(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        data = self.serializer.dumps(value)

        def add() -> bool:
            if timeout == 0:  # added and at once expired, as Django's RedisCache does
                added = bool(self.client.set(key, data, nx=True))
                if added:
                    self.client.delete(key)
                return added
            return bool(self.client.set(key, data, ex=timeout, nx=True))

        return self._attempt(add, False)

    def get(self, key, default=None, version=None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(lambda: self._load(self.client.get(key), default), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            self._attempt(lambda: self.client.delete(key), None)
        else:
            data = self.serializer.dumps(value)
            self._attempt(lambda: self.client.set(key, data, ex=timeout), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            return self._attempt(lambda: bool(self.client.persist(key)), False)
        return self._attempt(lambda: bool(self.client.expire(key, timeout)), False)

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(lambda: bool(self.client.delete(key)), False)

    def get_many(self, keys: Iterable[str], version=None) -> dict[str, Any]:
        names = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not names:
            return {}

        def get_many() -> dict[str, Any]:
            found = zip(names.values(), self.client.mget(list(names)), strict=True)
            return {key: self._load(data) for key, data in found if data is not None}

        return self._attempt(get_many, {})

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._attempt(lambda: bool(self.client.exists(key)), False)

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)

        def incr() -> int:
            if not self.client.exists(key):
                raise ValueError(f"Key '{key}' not found.")
            return self.client.incr(key, delta)

        return self._attempt(incr, delta)

    def set_many(self, data: dict[str, Any], timeout=DEFAULT_TIMEOUT, version=None) -> list:
        if not data:
            return []
        values = {
            self.make_and_validate_key(key, version=version): self.serializer.dumps(value)
            for key, value in data.items()
        }
        timeout = self.get_backend_timeout(timeout)

        def set_many() -> list:
            pipeline = self.client.pipeline()
            pipeline.mset(values)
            if timeout is not None:  # MSET sets no expiry: one EXPIRE per key, same round trip
                for key in values:
                    pipeline.expire(key, timeout)
            pipeline.execute()
            return []

        return self._attempt(set_many, list(data))

    def delete_many(self, keys: Iterable[str], version=None) -> None:
        names = [self.make_and_validate_key(key, version=version) for key in keys]
        if names:
            self._attempt(lambda: self.client.delete(*names), None)

    def clear(self) -> bool:
        return self._attempt(lambda: bool(self.client.flushdb()), False)
