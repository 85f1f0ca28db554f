"""Querysets compiled to SQL once per process, then run with new values.

On an uncached public page, compiling querysets (Django's `SQLCompiler.as_sql()`) cost more
CPU than the database took to run them: about a third of an article page's, most of it for the
same few queries with other values (another article's id, another time). `@prepared` wraps a
function that builds a queryset from a few values. The first call per database alias and shape
builds it with stand-in values (markers), compiles it once and records which query parameter
each value became; later calls run that SQL with the new values through Django's own compiler
state, so model instances, `select_related()`, `only()` and `prefetch_related()` come out as
they would from the plain queryset. The call returns a list: the result is never chained
further (a chained queryset would compile again, and could not reuse this SQL).

A *value* is an int, a str, an aware datetime or a list of ints, and reaches the SQL as a
parameter (an exact or `__in` lookup, a comparison); a list's length is part of the shape.
Anything that changes the SQL text itself (a slice's bounds, a flag choosing a filter) is named
in `shape=`: it keys the compiled SQL and is passed to the builder as it is. A value that does
not become a parameter is refused when the query is first prepared (`NotPreparable`).

On PostgreSQL with client-side binding (Django's default), the parameters that are constants
of the query (JSON keys, a status, the `1` of an `EXISTS`) are written into the SQL once, when
it is prepared, as psycopg would write them at every run: the site values' query alone had 36,
each turned into a literal by the driver in Python on every page. Only the values remain
parameters, and the statement is sent to be prepared on the server (`core.postgresql`'s
`preparing_cursor()`): parsed and planned once per connection and shape, then run with each
call's values. PostgreSQL plans the first five runs for their own values and then keeps one plan
for any value only if it is estimated to cost no more (`plan_cache_mode = auto`): at 100,000
articles the article's and the aside's statements kept a plan, while the list pages' timeline
queries went on being planned for each run's values.

With `settings.PREPARED_QUERIES_VERIFY` (the test suite), every call also compiles the queryset
built with the real values and raises if the SQL or the parameters differ.
"""

from __future__ import annotations

import copy
import datetime
import re
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router

# Stand-ins no real value takes: ids are positive, stories are not dated 1901.
_INT_MARKER = -1_900_000_000
_TIME_MARKER = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
# Compiled SQL kept per prepared query (per shape and database), the oldest dropped first.
MAX_SHAPES = 64
# Every integer column holds these (ids beyond them take the plain path: see __call__).
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_converters_lock = threading.Lock()


class NotPreparable(ValueError):
    """The builder uses a value in a way that cannot be replayed with another value."""


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class _Compiled:
    sql: str | None  # None: the shape matches nothing (an empty `__in` list) ...
    sources: tuple  # per parameter: (value name, list index or None, adapter) or (None, constant)
    queryset: Any
    compiler: Any
    plain: bool = False  # ... or, with this flag, the stand-ins did: take the plain path
    # What runs: `sql` with its constants written in (where the backend allows), and the
    # sources of the parameters left. The same as `sql` and `sources` elsewhere.
    run_sql: str | None = None
    run_sources: tuple = ()
    # The columns' converters per connection (the backend's are its methods): see _run().
    converters: weakref.WeakKeyDictionary = field(
        default_factory=weakref.WeakKeyDictionary, compare=False
    )


class PreparedQuery:
    def __init__(self, build: Callable[..., Any], shape: Iterable[str]):
        self.build = build
        self.shape = frozenset(shape)
        self._shape_names = tuple(sorted(self.shape))
        self.model = None
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()  # a worker's threads prepare and evict together
        wraps(build)(self)

    def __call__(self, **kwargs: Any) -> list:
        values = {name: value for name, value in kwargs.items() if name not in self.shape}
        for name, value in values.items():
            if isinstance(value, list | tuple):  # as `__in` sends them: no repeats, no None
                values[name] = [item for item in dict.fromkeys(value) if item is not None]
        key = tuple((name, kwargs.get(name)) for name in self._shape_names) + tuple(
            (name, len(value) if isinstance(value, list) else None)
            for name, value in sorted(values.items())
        )
        if not all(_replayable(self, name, value) for name, value in values.items()):
            # None (an unsaved object's id) or an id out of a column's range (from a URL):
            # Django changes the SQL for them while it compiles, so they take the plain path.
            return list(self.build(**kwargs))
        alias = router.db_for_read(self.model) if self.model is not None else None
        compiled = self._compiled.get((alias, key))
        if compiled is None:
            compiled, alias = self._prepare(kwargs, values, alias)
            with self._lock:
                if len(self._compiled) >= MAX_SHAPES:  # a crawler walking every page number
                    self._compiled.pop(next(iter(self._compiled)), None)
                self._compiled[alias, key] = compiled
        if compiled.plain:
            return list(self.build(**kwargs))
        if settings.PREPARED_QUERIES_VERIFY:
            self._verify(compiled, _params(compiled.sources, values), {**kwargs, **values}, alias)
        if compiled.sql is None:
            return []
        return _run(compiled, _params(compiled.run_sources, values), alias)

    def forget(self) -> None:
        """Drop the SQL compiled so far: the builder's queries changed (a registry it reads)."""
        with self._lock:
            self._compiled.clear()

    def _prepare(self, kwargs: dict, values: dict, alias: str | None) -> tuple[_Compiled, str]:
        markers: dict[str, Any] = {}
        number = 0
        for name, value in values.items():
            if isinstance(value, list):
                markers[name] = [
                    _marker(self, name, item, number + i) for i, item in enumerate(value)
                ]
                number += len(value)
            else:
                markers[name] = _marker(self, name, value, number)
                number += 1
        try:
            queryset = self.build(**{**kwargs, **markers})
        except (TypeError, ValueError) as error:  # e.g. a slice of a negative stand-in
            raise NotPreparable(
                f"{self.build.__qualname__} fails with stand-in values ({error}): a value used "
                "other than in a lookup changes the SQL text; name it in shape=."
            ) from error
        self.model = queryset.model
        alias = alias or queryset.db
        queryset = queryset.using(alias)  # the rows' instances say where they came from
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            # An empty `__in` list (the shape matches nothing), or an int stand-in outside a
            # column's range (Django checks positive and small integer fields): ints 1, 2, ...
            # tell which. In the second case this shape takes the plain path.
            small = {
                name: [i + 1 for i in range(len(marker))]
                if isinstance(marker, list)
                else (1 if isinstance(marker, int) else marker)
                for name, marker in markers.items()
            }
            try:
                self.build(**{**kwargs, **small}).query.get_compiler(using=alias).as_sql()
            except EmptyResultSet:
                return _Compiled(None, (), queryset, compiler), alias
            return _Compiled(None, (), queryset, compiler, plain=True), alias
        ops = connections[alias].ops
        known: dict[Any, tuple] = {}
        for name, marker in markers.items():
            for index, item in enumerate(marker) if isinstance(marker, list) else [(None, marker)]:
                known[_key(item)] = (name, index, _same)
                if isinstance(item, datetime.datetime):
                    known.setdefault(
                        _key(ops.adapt_datetimefield_value(item)),
                        (name, index, ops.adapt_datetimefield_value),
                    )
        sources = tuple(known.get(_key(param), (None, None, param)) for param in params)
        used = {(name, index) for name, index, _adapt in sources if name is not None}
        for name, marker in markers.items():
            for index in range(len(marker)) if isinstance(marker, list) else [None]:
                if (name, index) not in used:
                    raise NotPreparable(
                        f"{self.build.__qualname__}: the value {name!r} does not reach the SQL "
                        "as a parameter; if it changes the SQL text, name it in shape=."
                    )
        run_sql, run_sources = _with_constants_written(sql, sources, connections[alias])
        return _Compiled(sql, sources, queryset, compiler, False, run_sql, run_sources), alias

    def _verify(self, compiled: _Compiled, params: tuple, kwargs: dict, alias: str) -> None:
        queryset = self.build(**kwargs)
        try:
            expected = queryset.query.get_compiler(using=alias).as_sql()
        except EmptyResultSet:
            expected = (None, ())
        if expected != (compiled.sql, params if compiled.sql is not None else ()):
            raise AssertionError(
                f"{self.build.__qualname__}: prepared SQL {compiled.sql!r} with {params!r} "
                f"differs from the queryset's {expected!r}"
            )


def _params(sources: tuple, values: dict) -> tuple:
    return tuple(
        adapt(values[name] if index is None else values[name][index]) if name is not None else adapt
        for name, index, adapt in sources
    )


_PLACEHOLDER = re.compile(r"%%|%s")


def _with_constants_written(sql: str, sources: tuple, connection: Any) -> tuple[str, tuple]:
    """`sql` with its constant parameters written in as literals, and the sources of the
    parameters left, where the backend sends parameters as literals anyway: PostgreSQL with
    client-side binding, whose driver (psycopg's `ClientCursor`) writes each into the SQL
    text at every run. The literals are the driver's own, on this connection (Django's
    `compose_sql()`, psycopg's `mogrify()`), so the server receives the same text as before."""
    if (
        connection.vendor != "postgresql"
        or connection.settings_dict["OPTIONS"].get("server_side_binding")
        or all(name is not None for name, _index, _adapt in sources)
    ):
        return sql, sources
    remaining = iter(sources)
    kept = []

    def write(placeholder: re.Match) -> str:
        if placeholder[0] == "%%":  # a literal % stays escaped: parameters still follow
            return "%%"
        source = next(remaining)
        if source[0] is not None:
            kept.append(source)
            return "%s"
        return connection.ops.compose_sql("%s", [source[2]]).replace("%", "%%")

    written = _PLACEHOLDER.sub(write, sql)
    return written, tuple(kept)


def _replayable(query: PreparedQuery, name: str, value: Any) -> bool:
    """Whether `value` reaches the SQL as the parameter(s) a marker of its type did: not None,
    not an id beyond a 32-bit column. A type no marker stands for is refused (`_marker()`)."""
    kind = type(value)
    if kind is int:  # the common cases first: every page calls this for each value
        return _INT32_MIN <= value <= _INT32_MAX
    if kind is str or (kind is datetime.datetime and value.tzinfo is not None):
        return True
    if isinstance(value, list):
        return all(_replayable(query, name, item) for item in value)
    if value is None:
        return False
    _marker(query, name, value, 0)  # refuses a type no marker stands for
    return not isinstance(value, int) or _INT32_MIN <= value <= _INT32_MAX


def _key(value: Any) -> tuple:
    return (type(value), value) if value.__hash__ is not None else (type(value), id(value))


def _marker(query: PreparedQuery, name: str, value: Any, number: int) -> Any:
    if isinstance(value, bool):  # a flag changes the SQL text
        pass
    elif isinstance(value, int):
        return _INT_MARKER - number
    elif isinstance(value, str):  # escaping (LIKE's %, _ and backslash) changes it: then refused
        return f"\x1e%_\\prepared value {number}\x1e"
    elif isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return _TIME_MARKER + datetime.timedelta(microseconds=number)
    raise NotPreparable(
        f"{query.build.__qualname__}: {name!r} = {value!r} is not an int, a str, an aware "
        "datetime or a list of ints; name it in shape= if it changes the SQL text."
    )


def _run(compiled: _Compiled, params: tuple, alias: str) -> list:
    """The rows of the compiled query with `params`, made by Django's iterables as usual.

    The converters of the selected columns (a row's text to a datetime, a JSON field's value)
    are looked up once per connection, not on every run: asking each column for them cost
    about as much as running a small query's rows through them."""
    compiler = copy.copy(compiled.compiler)
    connection = connections[alias]  # this thread's connection
    # Where the backend can (core.postgresql), the statement is prepared on the server.
    compiler.connection = (
        _Preparing(connection) if getattr(connection, "prepares_statements", False) else connection
    )
    compiler.as_sql = lambda *args, **kwargs: (compiled.run_sql, params)
    known = compiled.converters.get(connection)
    if known is None:  # a connection's first run: the only write threads could share
        with _converters_lock:
            known = compiled.converters.setdefault(connection, {})
    look_up = compiler.get_converters

    def get_converters(expressions: list) -> dict:
        key = tuple(map(id, expressions))
        if (found := known.get(key)) is None:
            # The expressions are kept with their converters, so no other takes their ids.
            found = known[key] = (tuple(expressions), look_up(expressions))
        return found[1]

    compiler.get_converters = get_converters
    # Shallow copies: nothing here changes the query, and cloning its tree (`_chain()`) cost
    # about a tenth of a small prepared query's CPU.
    query = _shallow_copy(compiled.queryset.query)
    query.get_compiler = lambda *args, **kwargs: compiler
    queryset = _shallow_copy(compiled.queryset)
    queryset._query = query  # not `.query =`: its setter would make a values list's rows dicts
    try:
        return list(queryset)
    finally:
        # `get_converters` refers back to the compiler through `look_up`: a cycle that left
        # the compiler and all it held for the garbage collector after every query.
        del compiler.get_converters


class _Preparing:
    """A connection as a compiler sees it, whose cursors prepare their statements on the
    server (`core.postgresql`'s `preparing_cursor()`): a prepared query's SQL is the same at
    every run, so the server parses and plans it once per connection rather than every time."""

    __slots__ = ("_connection",)

    def __init__(self, connection: Any):
        self._connection = connection

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    def cursor(self) -> Any:
        return self._connection.preparing_cursor()


def _shallow_copy(instance: Any) -> Any:
    """A new object sharing `instance`'s attributes (`copy.copy()` of a QuerySet pickles it,
    which runs the query)."""
    twin = object.__new__(type(instance))
    twin.__dict__.update(instance.__dict__)
    return twin


def attach(instances: Iterable[Any], relation: str, rows: Iterable[Any], owner: str) -> None:
    """Give each of `instances` its `relation` (a reverse foreign key, or taggit's tags) as
    `prefetch_related()` would, from `rows` a prepared query fetched for all of them at once:
    each row goes to the instance whose pk is the row's `owner` attribute, in the rows' order.
    `instance.<relation>.all()` then runs no query."""
    instances = list(instances)
    groups: dict[Any, list] = {instance.pk: [] for instance in instances}
    for row in rows:
        groups[getattr(row, owner)].append(row)
    for instance in instances:
        manager = getattr(instance, relation)
        cache = getattr(manager, "prefetch_cache_name", None)
        if cache is None:  # a reverse foreign key: its rows point back to the instance
            cache = manager.field.remote_field.cache_name
            for row in groups[instance.pk]:
                manager.field.set_cached_value(row, instance)
        queryset = manager.get_queryset()
        queryset._result_cache = groups[instance.pk]
        queryset._prefetch_done = True
        instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache] = queryset


def prepared(*, shape: Iterable[str] = ()) -> Callable[[Callable[..., Any]], PreparedQuery]:
    """Decorate a queryset builder taking keyword arguments; see the module docstring."""

    def decorate(build: Callable[..., Any]) -> PreparedQuery:
        return PreparedQuery(build, shape)

    return decorate
