"""The PostgreSQL backend (core/postgresql/base.py). Its health check: no round trip while a
kept connection is quiet, Django's `SELECT 1` otherwise, and a connection the server ended is
replaced before the request's first query. Its timestamps: read by psycopg's C loader, the same
aware UTC datetimes as Django's Python loader gave."""

import datetime
import time

import pytest
from django.db import connection, transaction
from django.db.backends.postgresql import base as django_backend
from psycopg.pq import Format

from articles.models import Article
from core.postgresql.base import DatabaseWrapper, UTCTimestamptzLoader, has_input
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend's own health check and timestamp loader")
    yield
    connection.close_if_unusable_or_obsolete()  # the test database's flush needs a live one
    connection.close_if_health_check_failed()


@pytest.fixture
def round_trip_checks(monkeypatch):
    """Counts the checks that went to the server (Django's `SELECT 1`)."""
    calls = []
    original = django_backend.DatabaseWrapper.is_usable

    def counted(self):
        calls.append(self.alias)
        return original(self)

    monkeypatch.setattr(django_backend.DatabaseWrapper, "is_usable", counted)
    return calls


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate(pid: int) -> None:
    """End backend `pid` from another connection, as a restart or an idle timeout would, and
    wait for the goodbye to reach this side."""
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    deadline = time.monotonic() + 5
    while not has_input(connection.connection.pgconn.socket):
        assert time.monotonic() < deadline, "the ended connection never became readable"
        time.sleep(0.01)


def _new_request() -> None:
    """What Django does when a request starts (`close_old_connections`)."""
    connection.close_if_unusable_or_obsolete()


def test_the_engine_is_ours():
    assert connection.settings_dict["ENGINE"] == "core.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_quiet_connection_is_used_without_a_round_trip(round_trip_checks):
    pid = _backend_pid()
    _new_request()
    assert Article.objects.count() == 0
    assert round_trip_checks == []
    assert _backend_pid() == pid  # the same connection, kept


def test_a_connection_the_server_ended_is_replaced_before_the_first_query(round_trip_checks):
    pid = _backend_pid()
    _terminate(pid)
    _new_request()
    assert Article.objects.count() == 0  # no error: a new connection answered
    assert round_trip_checks == ["default"]  # the socket had input: Django's check ran
    assert _backend_pid() != pid


def test_an_ended_connection_is_not_usable():
    _terminate(_backend_pid())
    assert connection.is_usable() is False
    connection.close()


def test_a_connection_inside_a_transaction_gets_the_full_check(round_trip_checks):
    with transaction.atomic():
        Article.objects.count()
        assert connection.is_usable() is True
    assert round_trip_checks == ["default"]


def test_an_unconnected_wrapper_is_not_usable():
    connection.close()
    assert connection.is_usable() is False


def _timestamptz_loader():
    oid = connection.connection.adapters.types["timestamptz"].oid
    return connection.connection.adapters.get_loader(oid, Format.TEXT)


def test_timestamps_are_read_by_the_c_loader():
    connection.ensure_connection()
    assert _timestamptz_loader() is UTCTimestamptzLoader
    with connection.cursor() as cursor:
        cursor.execute("SELECT '2026-03-29 01:30:00.123456+02'::timestamptz")
        value = cursor.fetchone()[0]
        # Django's check before each cursor left ours in place (it compares the zones).
        oid = connection.connection.adapters.types["timestamptz"].oid
        assert cursor.cursor.adapters.get_loader(oid, Format.TEXT) is UTCTimestamptzLoader
    assert value == datetime.datetime(2026, 3, 28, 23, 30, 0, 123456, tzinfo=datetime.UTC)
    assert value.tzinfo is datetime.UTC  # what Django's loader set, not a ZoneInfo


def test_model_timestamps_round_trip_in_utc():
    moment = datetime.datetime(2026, 10, 25, 0, 59, 59, 999999, tzinfo=datetime.UTC)
    article = ArticleFactory(published_at=moment)
    fetched = Article.objects.get(pk=article.pk)
    assert fetched.published_at == moment
    assert fetched.published_at.tzinfo is datetime.UTC
    with transaction.atomic():  # a named (server-side) cursor reads them the same way
        assert list(
            Article.objects.filter(pk=article.pk).values_list("published_at", flat=True).iterator()
        ) == [moment]


def test_a_database_in_another_zone_keeps_djangos_loader():
    # A second wrapper of the same database, its connections set to another zone.
    paris = DatabaseWrapper({**connection.settings_dict, "TIME_ZONE": "Europe/Paris"})
    try:
        paris.ensure_connection()
        oid = paris.connection.adapters.types["timestamptz"].oid
        assert paris.connection.adapters.get_loader(oid, Format.TEXT) is not UTCTimestamptzLoader
        with paris.cursor() as cursor:
            cursor.execute("SELECT '2026-07-01 12:00:00+00'::timestamptz")
            value = cursor.fetchone()[0]
        assert value.utcoffset() == datetime.timedelta(hours=2)
    finally:
        paris.close()
