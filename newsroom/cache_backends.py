"""A Redis cache that degrades to "no cache" instead of failing the page.

Django's RedisCache raises when Redis is unreachable, which would turn a cache outage into a
site outage. Here every cache operation that hits a Redis connection error is logged and
answered as a miss (reads) or ignored (writes), and Redis is not tried again for a few
seconds, so an outage costs one connect timeout per interval rather than one per call.

Django's client also builds a new `redis.Redis` object for every cache call (its constructor
fills a table of response callbacks, about 0.1 ms); a page reads the cache several times, so
the client here is built once per connection pool and reused (it is thread-safe: the pool
hands out connections).
"""

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedClient(RedisCacheClient):
    """Django's Redis cache client, with one `redis.Redis` per pool instead of one per call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    """RedisCache whose failures are logged and absorbed; retried after `RETRY_SECONDS`."""

    RETRY_SECONDS = 5.0

    def __init__(self, server: str, params: dict) -> None:
        super().__init__(server, params)
        self._class = ReusedClient
        self._down_until = 0.0

    def _call(self, name: str, fallback: Any, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            seconds = self.RETRY_SECONDS
            logger.warning("Redis unreachable, serving without cache for %ss: %s", seconds, error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", delta, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
