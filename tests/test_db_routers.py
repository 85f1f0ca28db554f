"""Reads go to the replica, writes and editors who just saved to the primary."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core import db_routers
from core.db_routers import PIN_COOKIE, ReplicaRouter
from tests.factories import ArticleFactory, UserFactory

two_databases = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings):
    settings.DATABASE_READ_REPLICA = "replica"
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


def superuser():
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()  # keeps the password hash the session is checked against
    return user


def captured(client, method: str, url: str, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, len(primary), len(replica)


def test_without_a_replica_everything_uses_the_primary(settings):
    settings.DATABASE_READ_REPLICA = None
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "default"
    assert router.db_for_write(Article) == "default"


def test_only_the_primary_is_migrated():
    assert ReplicaRouter().allow_migrate("default", "articles")
    assert not ReplicaRouter().allow_migrate("replica", "articles")


@two_databases
def test_reader_pages_are_read_from_the_replica(client, replica):
    article = ArticleFactory(headline="Read from the replica")
    settle()
    response, primary, from_replica = captured(client, "get", article.get_absolute_url())
    assert response.status_code == 200
    assert "Read from the replica" in response.content.decode()
    assert primary == 0 and from_replica > 0
    assert PIN_COOKIE not in response.cookies


@two_databases
def test_the_admin_reads_and_writes_on_the_primary(client, replica):
    client.force_login(superuser())
    response, primary, from_replica = captured(client, "get", "/admin/articles/article/")
    assert response.status_code == 200
    assert primary > 0 and from_replica == 0


@two_databases
def test_an_editor_who_saved_keeps_reading_the_primary(client, replica, settings):
    settings.READ_YOUR_WRITES_SECONDS = 20
    article = ArticleFactory()
    client.force_login(superuser())
    client.cookies.pop(PIN_COOKIE, None)
    url = f"/admin/articles/article/{article.pk}/delete/"
    response, primary, _ = captured(client, "post", url, data={"post": "yes"})
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).trashed_at is not None  # deleting moves to trash
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 20 and cookie["httponly"]
    response, primary, from_replica = captured(client, "get", "/")
    assert response.status_code == 200
    assert primary > 0 and from_replica == 0


@two_databases
def test_the_pin_ends_when_the_cookie_expires(client, replica):
    ArticleFactory()
    settle()
    client.cookies[PIN_COOKIE] = "1"
    assert captured(client, "get", "/")[1] > 0
    del client.cookies[PIN_COOKIE]
    _, primary, from_replica = captured(client, "get", "/")
    assert primary == 0 and from_replica > 0


@pytest.fixture
def replica_down(replica, monkeypatch):
    """The replica alias points at a database that cannot be opened, as if it were stopped."""
    connection = connections["replica"]
    kept_connection, kept_settings = connection.connection, connection.settings_dict
    unreachable = (
        "/nonexistent-newsroom-dir/replica.sqlite3"
        if connection.vendor == "sqlite"
        else "newsroom_no_such_replica"
    )
    connection.connection = None  # as after a restart; SQLite's in-memory close() is a no-op
    connection.settings_dict = {**kept_settings, "NAME": unreachable}
    connects = []
    real_connect = connection.connect
    monkeypatch.setattr(connection, "connect", lambda: connects.append(1) or real_connect())
    yield connects
    if connection.connection is not None and connection.connection is not kept_connection:
        connection.connection.close()
    connection.connection, connection.settings_dict = kept_connection, kept_settings


@pytest.fixture(autouse=True)
def replica_not_marked_down(monkeypatch):
    monkeypatch.setattr(db_routers, "_replica_down_until", 0.0, raising=False)
    monkeypatch.setattr(db_routers, "_settling_marked_at", float("-inf"), raising=False)
    settle()


def settle():
    """As when READ_YOUR_WRITES_SECONDS have passed since the last write anywhere."""
    cache.delete("replica:settling")
    db_routers._settling_marked_at = float("-inf")


@two_databases
def test_reads_fall_back_to_the_primary_when_the_replica_is_down(client, replica_down):
    article = ArticleFactory(headline="Served without the replica")
    settle()
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Served without the replica" in response.content.decode()
    assert len(primary) > 0
    assert replica_down == [1]  # one try, then the primary for the rest of the request
    assert connections["replica"].connection is None


@two_databases
def test_a_down_replica_is_retried_after_the_backoff(client, replica_down, settings, monkeypatch):
    settings.DATABASE_REPLICA_RETRY_SECONDS = 7
    now = [1000.0]
    monkeypatch.setattr(db_routers, "monotonic", lambda: now[0], raising=False)
    ArticleFactory()
    settle()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    assert replica_down == [1]  # the second request did not try the replica again
    now[0] += 6.9
    assert client.get("/").status_code == 200
    assert replica_down == [1]
    now[0] += 0.2
    assert client.get("/").status_code == 200
    assert replica_down == [1, 1]  # tried again, still down: another backoff


@two_databases
def test_reads_return_to_the_replica_when_it_is_back(client, replica, settings, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(db_routers, "monotonic", lambda: now[0], raising=False)
    monkeypatch.setattr(db_routers, "_replica_down_until", now[0] + 5, raising=False)
    ArticleFactory()
    settle()
    assert captured(client, "get", "/")[2] == 0
    now[0] += 5
    _, primary, from_replica = captured(client, "get", "/")
    assert primary == 0 and from_replica > 0


@two_databases
def test_a_replica_connection_that_died_is_noticed(client, replica, monkeypatch):
    """A kept connection whose server went away fails Django's health check: read the primary."""
    ArticleFactory()
    connection = connections["replica"]
    connection.ensure_connection()
    monkeypatch.setattr(connection, "health_check_enabled", True)
    monkeypatch.setattr(connection, "health_check_done", False)
    monkeypatch.setattr(connection, "is_usable", lambda: False)
    monkeypatch.setattr(connection, "close", lambda: setattr(connection, "connection", None))

    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "connect", refused)
    _, primary, from_replica = captured(client, "get", "/")
    assert primary > 0 and from_replica == 0


@two_databases
def test_processes_that_serve_no_requests_read_the_primary(replica, monkeypatch):
    """Commands, task workers and migrations read what they just wrote, not a lagging copy."""
    monkeypatch.setattr(db_routers, "_serves_requests", False, raising=False)
    ArticleFactory(headline="Written by a command")
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as from_replica,
    ):
        assert Article.objects.get(headline="Written by a command")
    assert len(primary) == 1 and len(from_replica) == 0


@two_databases
def test_reads_inside_a_transaction_on_the_primary_stay_there(client, replica):
    """A GET view that opens a transaction sees its own uncommitted writes."""
    seen = {}

    def view_body():
        db_routers.PrimaryPinningMiddleware(lambda request: None)  # as in a web process
        token = db_routers._wrote.set([])  # as PrimaryPinningMiddleware does for a GET
        try:
            assert ReplicaRouter().db_for_read(Article) == "replica"
            with transaction.atomic():
                seen["inside"] = ReplicaRouter().db_for_read(Article)
        finally:
            db_routers._wrote.reset(token)

    view_body()
    assert seen["inside"] == "default"


@two_databases
def test_after_any_write_readers_read_the_primary_for_a_while(client, replica, settings):
    """Pages cached right after an edit are never rendered from a replica that lags behind it."""
    settings.READ_YOUR_WRITES_SECONDS = 15
    article = ArticleFactory(headline="Fresh everywhere")
    _, primary, from_replica = captured(client, "get", article.get_absolute_url())
    assert primary > 0 and from_replica == 0
    assert PIN_COOKIE not in client.cookies  # the reader did not write: no pin of their own
    with time_machine.travel(timezone.now() + timedelta(seconds=16)):
        _, primary, from_replica = captured(client, "get", "/")
    assert primary == 0 and from_replica > 0


@two_databases
def test_writes_mark_the_shared_cache_at_most_once_a_second(replica, monkeypatch):
    marks = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda *a, **k: marks.append(a[0]) or real_set(*a, **k))
    now = [1000.0]
    monkeypatch.setattr(db_routers, "monotonic", lambda: now[0])
    for _ in range(5):
        ArticleFactory()
    assert marks.count("replica:settling") == 1
    now[0] += 1
    ArticleFactory()
    assert marks.count("replica:settling") == 2


@two_databases
def test_the_queue_renders_an_edited_page_from_the_primary(replica, settings, monkeypatch):
    """The worker renders through the site's middleware: loading it must not turn the worker
    into a web process that reads the replica, nor may the render read a lagging replica."""
    from articles.tasks import warm_article_page

    monkeypatch.setattr(db_routers, "_serves_requests", False, raising=False)
    settings.SITE_URL = "http://testserver"
    settings.FRAGMENT_CACHE_ENABLED = True
    story = ArticleFactory(headline="Edited on the primary")
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as from_replica,
    ):
        assert warm_article_page.call(story.pk) is True
    assert len(primary) > 0 and len(from_replica) == 0
    assert db_routers._serves_requests is False, "still a process that serves no requests"
