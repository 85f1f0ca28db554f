"""Django's PostgreSQL backend, with a cheaper health check and timestamps read in C.

With `CONN_HEALTH_CHECKS` (which the settings turn on, as persistent connections need), Django
checks a kept connection at the first query of every request with `SELECT 1`: a round trip to
the database, about 0.12 ms of the worker's CPU (some 1.5% of an uncached article page) and
more of its time, on every page that reads the database.

What the check is for is a connection the server has ended since the last request: a restart,
a `pg_terminate_backend()`, an idle timeout, a pooler closing it. In each case the server sends
its goodbye (an error message, then the end of the stream) and the connection's socket becomes
readable. So a connection that is idle, not in a transaction, and has nothing to read is usable
as it stands, without asking the server; anything else (data waiting, a transaction left open,
psycopg seeing it broken) gets Django's own `SELECT 1`. A connection lost without a word (a
cable pulled) is not found by either check: the query would wait on the network either way.

Timestamps: Django reads every `timestamptz` value through a Python loader that wraps psycopg's
C one and then sets the value's zone (`BaseTzLoader.load`, two Python calls per value). With
`USE_TZ` and no per-database `TIME_ZONE`, the zone it sets is UTC, the session's own (Django sets
the session to UTC when it connects), so psycopg's C loader returns the very same aware datetime,
`datetime.UTC` included, in a fifth of the time. A cold article page reads about a hundred
timestamps: some 4% of its CPU went to that wrapper.

Prepared statements: the queries `core.prepared` runs over and over (an article page's, a
list's) can be sent as statements the server parses and plans once per connection
(`preparing_cursor()`), instead of as text the driver writes the values into, which the server
parses and plans again at every run. Planning the article's statement cost the server more
than running it (1.2 ms against 0.4 ms at 1,000 articles), and the client-side writing cost the
worker CPU on every page. Only those queries: the rest of the code keeps Django's client-side
binding, under which any raw SQL works. A database behind a pooler that cannot keep prepared
statements (PgBouncer before 1.21, or in transaction mode without `max_prepared_statements`)
turns it off with the option `"prepared_statements": False` (the settings'
`DATABASE_PREPARED_STATEMENTS=0`).
"""

import datetime
import functools
import select

import psycopg
from django.db.backends.postgresql import base
from psycopg.adapt import AdaptersMap
from psycopg.pq import Format, TransactionStatus

_C_TIMESTAMPTZ_LOADER = psycopg.adapters.get_loader(
    psycopg.adapters.types["timestamptz"].oid, Format.TEXT
)


class UTCTimestamptzLoader:
    """psycopg's own `timestamptz` loader (in C with psycopg[binary]), under the `timezone`
    attribute Django's backend reads before each cursor to decide whether to put its Python
    loader back (`create_cursor`). The C class cannot be subclassed, so this class hands out
    its instances: it returns values in the session's zone, which Django keeps at UTC."""

    timezone = datetime.UTC
    format = _C_TIMESTAMPTZ_LOADER.format

    def __new__(cls, oid: int, context=None):
        return _C_TIMESTAMPTZ_LOADER(oid, context)


@functools.cache
def utc_adapters(template: AdaptersMap) -> AdaptersMap:
    """Django's adapters for its connections (`template`), timestamps loaded in C. Cached like
    Django's own template, so that connections share it rather than copy it."""
    adapters = AdaptersMap(template)
    adapters.register_loader("timestamptz", UTCTimestamptzLoader)
    return adapters


def has_input(fileno: int) -> bool:
    """Whether the socket `fileno` has something to read (or was closed) right now."""
    poller = select.poll()
    poller.register(fileno, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


# A threshold of runs no statement reaches: psycopg then prepares only on request.
PREPARE_ON_REQUEST_ONLY = 2**62


class PreparingCursor(base.ServerBindingCursor):
    """A cursor whose every statement is bound and prepared on the server (psycopg keeps the
    statements per connection, the most used ones, and reuses them by their text and their
    values' types)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


class DatabaseOperations(base.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        """A prepared statement's run as the others read in `connection.queries` and the
        logs: the SQL with its values written in (what the server ran, in effect)."""
        if isinstance(cursor, PreparingCursor):
            try:
                return self.compose_sql(sql, params)
            except psycopg.errors.DataError:
                pass
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    @property
    def prepares_statements(self) -> bool:
        """Whether `preparing_cursor()` may be used (the `prepared_statements` option)."""
        return self.settings_dict["OPTIONS"].get("prepared_statements", True) is not False

    def preparing_cursor(self):
        """A cursor, as `cursor()` gives, whose statements are prepared on the server: for
        queries that run again and again with other values, written for server-side binding
        (every parameter's type clear from where it stands)."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = PreparingCursor(self.connection)
            loader = self.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, Format.TEXT)
            if self.timezone != loader.timezone:  # as create_cursor() does
                base.register_tzloader(self.timezone, cursor)
            return self._prepare_cursor(cursor)

    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        params.pop("prepared_statements", None)  # ours, not the driver's
        if self.prepares_statements and params.get("prepare_threshold") is None:
            # psycopg prepares nothing, not even on request, without a threshold; Django's
            # default is none. With this one it prepares only what a cursor asks it to.
            params["prepare_threshold"] = PREPARE_ON_REQUEST_ONLY
        if self.timezone is datetime.UTC and "context" in params:
            params["context"] = utc_adapters(params["context"])
        return params

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None:
            return False
        if (
            not connection.closed
            and not connection.broken
            and connection.info.transaction_status == TransactionStatus.IDLE
            and not has_input(connection.pgconn.socket)
        ):
            return True
        return super().is_usable()
