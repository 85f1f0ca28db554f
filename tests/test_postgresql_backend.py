"""The PostgreSQL backend's health check (core/postgresql/base.py): no round trip while a kept
connection is quiet, Django's `SELECT 1` otherwise, and a connection the server ended is
replaced before the request's first query."""

import time

import pytest
from django.db import connection, transaction
from django.db.backends.postgresql import base as django_backend

from articles.models import Article
from core.postgresql.base import has_input

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backend's own health check")
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
