"""Redis unreachable: pages are still served from the database, and the fault is logged."""

import logging
import os
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from redis.exceptions import ConnectionError as RedisConnectionError

from core.cache.backends import TolerantRedisCache
from tests.faults import free_port

REDIS = "redis://127.0.0.1:6379/2"


def _closed_port_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"  # free: nothing listens there


def _redis_answers() -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.fixture
def broken_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.backends.TolerantRedisCache",
            "LOCATION": _closed_port_url(),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return caches["default"]


def test_django_s_own_redis_cache_raises_when_redis_is_down():
    """Why the tolerant backend exists."""
    from django.core.cache.backends.redis import RedisCache

    with pytest.raises(RedisConnectionError):
        RedisCache(_closed_port_url(), {}).get("anything")


def test_reads_miss_and_writes_are_dropped_with_a_log_line(broken_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="core.cache.backends"):
        assert broken_redis.get("front-page", "fallback") == "fallback"
        broken_redis.set("front-page", "<html>")
        assert broken_redis.get_many(["a", "b"]) == {}
        assert broken_redis.add("lock", 1) is False
        assert broken_redis.get_or_set("computed", lambda: 42) == 42
        broken_redis.delete("front-page")
        broken_redis.set_many({"a": 1})
    assert any("Redis unreachable" in message for message in caplog.messages)


def test_after_a_failure_redis_is_not_retried_at_every_call(broken_redis, caplog):
    with caplog.at_level(logging.WARNING, logger="core.cache.backends"):
        for _ in range(50):
            broken_redis.get("key")
    assert sum("Redis unreachable" in message for message in caplog.messages) == 1


def test_pages_and_logins_still_work_with_redis_down(broken_redis, client, article, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    get_user_model().objects.create_superuser("mara", "m@example.com", "right password 9")
    response = client.post("/admin/login/", {"username": "mara", "password": "right password 9"})
    assert response.status_code == 302


def test_with_redis_up_the_tolerant_cache_is_a_normal_cache():
    if not _redis_answers():
        if os.environ.get("CI"):
            pytest.fail("CI machines run Redis on 127.0.0.1:6379, and it did not answer")
        pytest.skip("no Redis on 127.0.0.1:6379")
    cache = TolerantRedisCache(REDIS, {"KEY_PREFIX": "newsroom-test-cache-faults"})
    cache.set("answer", {"value": 42}, 30)
    assert cache.get("answer") == {"value": 42}
    cache.delete("answer")
    assert cache.get("answer") is None


def test_login_throttling_keeps_working_with_redis_down(broken_redis, client, settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_superuser("mara", "m@example.com", "right password 9")
    for _ in range(5):
        client.post("/admin/login/", {"username": "mara", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "mara", "password": "right password 9"})
    assert response.status_code == 429
