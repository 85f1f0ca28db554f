"""A database of the release before the layout by capability (5d25c7e) migrates forward.

The dumps in tests/fixtures/layout_migration/ hold that release's schema, its django_migrations
rows and a little content, as its own code migrated them; regenerate them with
`tests/fixtures/layout_migration/regenerate.sh`. The suite runs once per database, and each run
loads the dump of its own database, so neither backend is ever skipped.
"""

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
from django.apps import apps
from django.core.management import call_command
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layout_migration"
ALIAS = "previous_release"
STANDFIRST = "Nine votes to two, after a night of debate."


def _server(dbname: str) -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        dbname=dbname, host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432,
        user=db["USER"], password=db["PASSWORD"] or None, autocommit=True,
    )  # fmt: skip


@contextlib.contextmanager
def _postgresql_database(tmp_path: Path) -> Iterator[str]:
    """A database of its own on the test server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_previous_release"
    with _server("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with _server(name) as old:
            old.execute((FIXTURES / "postgresql.sql").read_text(encoding="utf-8"))
        yield name
    finally:
        with _server("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def _sqlite_database(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "previous-release.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as old:
        old.executescript((FIXTURES / "sqlite.sql").read_text(encoding="utf-8"))
    yield str(path)


@contextlib.contextmanager
def _connected(name: str) -> Iterator[BaseDatabaseWrapper]:
    """`name` as one more database alias, with the test database's engine and server."""
    connections.settings[ALIAS] = {**connection.settings_dict, "NAME": name}
    try:
        yield connections[ALIAS]
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


def test_a_database_of_the_previous_release_migrates_forward(tmp_path, settings, django_db_blocker):
    old_database = {"postgresql": _postgresql_database, "sqlite": _sqlite_database}
    settings.DATABASE_ROUTERS = []  # the replica router lets only "default" migrate
    with (
        django_db_blocker.unblock(),
        old_database[connection.vendor](tmp_path) as name,
        _connected(name) as old,
    ):
        call_command("migrate", database=ALIAS, interactive=False, verbosity=0)

        executor = MigrationExecutor(old)
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
        # accounts' first migration replaces the project package's: recorded, not run again.
        applied = MigrationRecorder(old).applied_migrations()
        assert ("newsroom", "0001_login_failure_windows") in applied
        assert ("accounts", "0001_login_failure_windows") in applied
        window = apps.get_model("accounts", "LoginFailureWindow").objects.using(ALIAS).get()
        assert (window.key, window.failures) == ("ip:203.0.113.9", 3)

        redirect = apps.get_model("permalinks", "Redirect").objects.using(ALIAS).get()
        assert redirect.old_path == "/2019/05/harbour-plan/"

        articles = apps.get_model("articles", "Article").objects.using(ALIAS)
        assert list(articles.values_list("standfirst", flat=True)) == [STANDFIRST]
        revision = apps.get_model("articles", "Revision").objects.using(ALIAS).get()
        assert revision.data["standfirst"] == STANDFIRST
        assert "dek" not in revision.data
