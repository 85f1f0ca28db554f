"""The SQLite cache file: what the workers of one server share when there is no Redis."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from articles.models import Article
from core.cache.fragments import store as fragments
from core.cache.pages import pages
from core.cache.sqlite import SQLiteCache
from core.cache.tags import tag_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def file_cache(settings, tmp_path):
    """The site's default cache as `make serve` has it without REDIS_URL, in a temporary file."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.sqlite.SQLiteCache",
            "LOCATION": str(tmp_path / "cache.sqlite3"),
            "KEY_PREFIX": "newsroom",
        }
    }
    pages.forget_copies()
    fragments.forget_copies()
    yield tmp_path / "cache.sqlite3"
    pages.forget_copies()
    fragments.forget_copies()


def in_another_process(cache_file: Path, code: str) -> str:
    """Run `code` in a new Python process with the site's settings and this cache file."""
    env = {**os.environ, "CACHE_FILE": str(cache_file), "SECRET_KEY": "x", "DEBUG": "0"}
    env["ALLOWED_HOSTS"] = "testserver"
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603 (our own code)
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_default_cache_without_redis_is_the_shared_file():
    if os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is set")
    code = "from django.core.cache import caches; print(type(caches['default']).__name__)"
    env = {**os.environ, "SECRET_KEY": "x", "CACHE_FILE": "never-opened.sqlite3"}
    result = subprocess.run(  # noqa: S603 (our own code)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "SQLiteCache"


def test_gunicorn_no_longer_turns_the_caches_off():
    text = (ROOT / "gunicorn.conf.py").read_text()
    assert "PAGE_CACHE_ENABLED" not in text and "FRAGMENT_CACHE_ENABLED" not in text


@pytest.mark.django_db
def test_an_edit_through_another_process_retires_the_stored_page(client, file_cache, article):
    url = article.get_absolute_url()
    assert article.headline in client.get(url).content.decode()
    # Changed without signals: only the other process's bump can tell this one.
    Article.objects.filter(pk=article.pk).update(headline="Original words, corrected")
    assert article.headline in client.get(url).content.decode()  # still the stored page

    in_another_process(
        file_cache, f"from core.cache.versions import bump; bump([{tag_for(article)!r}])"
    )
    assert "Original words, corrected" in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_page_stored_by_one_process_is_served_to_another(client, file_cache, article):
    client.get(article.get_absolute_url())
    code = (
        "from django.test import Client\n"
        "from django.db import connection\n"
        "queries = []\n"
        "def count(execute, sql, *args):\n"
        "    queries.append(sql)\n"
        "    return execute(sql, *args)\n"
        "with connection.execute_wrapper(count):\n"
        f"    response = Client().get({article.get_absolute_url()!r})\n"
        "print(response.status_code, len(queries))"
    )
    # The other process has no database of its own (the test database is private to this
    # one, and on PostgreSQL the site's own database may not even exist): a page it can serve
    # came from the shared file, with no query and without connecting.
    assert in_another_process(file_cache, code) == "200 0"


def test_values_keys_and_expiry(tmp_path):
    cache = SQLiteCache(str(tmp_path / "c.sqlite3"), {})
    cache.set("a", {"x": 1})
    cache.set_many({"b": b"bytes", "c": 3}, timeout=None)
    assert cache.get("a") == {"x": 1}
    assert cache.get_many(["a", "b", "c", "missing"]) == {"a": {"x": 1}, "b": b"bytes", "c": 3}
    assert cache.incr("c", 2) == 5
    with pytest.raises(ValueError):
        cache.incr("missing")
    cache.set("short", 1, timeout=0.05)
    time.sleep(0.1)
    assert cache.get("short", "gone") == "gone"
    assert cache.delete("a") and not cache.has_key("a")
    cache.clear()
    assert cache.get_many(["b", "c"]) == {}


def test_add_is_a_lock_that_an_expired_entry_does_not_hold(tmp_path):
    cache = SQLiteCache(str(tmp_path / "c.sqlite3"), {})
    assert cache.add("lock", 1, timeout=0.05)
    assert not cache.add("lock", 2, timeout=10)
    time.sleep(0.1)
    assert cache.add("lock", 3, timeout=10)
    assert cache.get("lock") == 3


def test_only_max_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("core.cache.sqlite.CULL_EVERY", 1)
    cache = SQLiteCache(str(tmp_path / "c.sqlite3"), {"OPTIONS": {"MAX_ENTRIES": 50}})
    for number in range(120):
        cache.set(f"key{number}", number)
    (count,) = cache.db.execute("SELECT COUNT(*) FROM cache").fetchone()
    assert count <= 50
    assert cache.get("key119") == 119  # the newest stay


def test_an_increment_from_two_processes_is_never_lost(tmp_path):
    path = tmp_path / "c.sqlite3"
    cache = SQLiteCache(str(path), {})
    cache.set("count", 0, timeout=None)
    code = (
        "from core.cache.sqlite import SQLiteCache\n"
        f"cache = SQLiteCache({str(path)!r}, {{}})\n"
        "for _ in range(200): cache.incr('count')\n"
    )
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", code], cwd=ROOT
        )
        for _ in range(2)
    ]
    assert all(worker.wait() == 0 for worker in workers)
    assert cache.get("count") == 400


def test_a_forked_worker_opens_its_own_connection(tmp_path):
    cache = SQLiteCache(str(tmp_path / "c.sqlite3"), {})
    cache.set("before", 1)
    parent = cache.db
    child = os.fork()
    if child == 0:  # the worker: its own connection, the parent's left alone
        code = 0 if cache.db is not parent and cache.get("before") == 1 else 1
        cache.set("from-the-child", 2)
        os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert cache.db is parent and cache.get("from-the-child") == 2
