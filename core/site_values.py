"""Values every public page shows, read together: the brand, the menus, the navigation sections
and which stories are live.

Each was kept as a fragment with a query of its own. With the caches cold (after a deploy or a
flush, or with `FRAGMENT_CACHE_ENABLED` off) those four small queries cost about a fifth of a
list page's CPU, nearly all of it the fixed cost of a query (the round trip, the driver, the
ORM), not their few rows. So an app registers its value here (`register()`): the rows it is
made from, as a queryset and the fields it reads, and how to make it from them. The first value
a request asks for (`site_value()`) brings every registered one:

- one cache round trip for those kept as fragments (each under its own name, tags and
  lifetime, as before);
- for the ones missing, one SQL statement: a `UNION ALL` of each value's rows as JSON objects
  (`JSONObject`, on PostgreSQL and SQLite alike), compiled once per process.

The request then remembers them. A page whose first query runs anyway can bring them along
instead (`with_site_values()`, an annotation: the same rows as one JSON value of that query's
row, PostgreSQL's `JSONB_AGG` or SQLite's `JSON_GROUP_ARRAY` over the `UNION ALL`) and hand
them over with `offer()`: the article page does, and spares the statement. A page depends
(for the page cache) only on the tags of the values it asked for, not on everything that was
read along with them.

The rows come back as model instances holding only the registered fields, the others deferred
(`core.json_rows.instances()`: `relation__field` names fill an instance of the related model),
in no particular order: `make` sorts them. Fields JSON would carry as text in a database's own
format (dates, times, decimals) are refused when they are registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Expression, F, Value
from django.db.models.functions import JSONObject

from core.cache.fragments import cached_fragments, keeping
from core.cache.lifetimes import UNTIL_NEXT_CHANGE, Lifetime
from core.cache.pages import depends_on
from core.cache.versions import request_memo
from core.json_rows import check_fields, instances
from core.prepared import PreparedQuery

_MEMO = "site-values"


@dataclass(frozen=True)
class SiteValue:
    name: str
    tags: tuple[str, ...]
    rows: Callable[[], models.QuerySet]  # built to compile the query only (0.2 ms a filter)
    model: type[models.Model]
    fields: tuple[str, ...]
    make: Callable[[list[models.Model]], Any]
    lifetime: Lifetime


_registry: dict[str, SiteValue] = {}
_generation = 0  # how many registrations so far: rows read under older ones are not offered


def register(
    name: str,
    *,
    tags: Iterable[str],
    rows: Callable[[], models.QuerySet],
    fields: Iterable[str],
    make: Callable[[list[models.Model]], Any],
    lifetime: Lifetime = UNTIL_NEXT_CHANGE,
) -> None:
    """Make `site_value(name)` the value `make(instances)` of the rows of `rows()` (a queryset
    neither sliced nor ordered: ordering is dropped), each an instance holding `fields`.

    Kept as a fragment under `tags` for `lifetime`, like `cached_fragment()`.
    """
    fields, model = tuple(fields), rows().model
    check_fields(model, fields)
    global _generation
    _registry[name] = SiteValue(name, tuple(tags), rows, model, fields, make, lifetime)
    _generation += 1  # a query compiled with `with_site_values()` before now is out of date
    _union.forget()  # a value registered again may read other fields


def site_value(name: str) -> Any:
    """The registered value `name`; in a request, every registered value comes along, once."""
    value = _registry[name]
    depends_on(*value.tags)
    memo = request_memo() if keeping() else None
    if memo is None:  # outside a request, or a page made from unsaved data
        return _fetch([name])[name]
    known = memo.setdefault(_MEMO, {})
    if name not in known:
        known.update(_fetch([other for other in _registry if other not in known]))
    return known[name]


def _fetch(names: list[str], pairs: list | None = None) -> dict[str, Any]:
    """The values `names`: the kept ones from the fragment cache, the others from one query,
    or from `pairs` (`(name, row)`, another query read them: `offer()`), and kept."""
    made: dict[str, Any] = {}

    def maker(name: str) -> Callable[[], Any]:
        def make() -> Any:
            if not made:  # the first value missing: read all of them at once
                made.update(_read(names) if pairs is None else _made(names, pairs))
            return made[name]

        return make

    pieces = [
        (f"site-value:{name}", _registry[name].tags, maker(name), _registry[name].lifetime)
        for name in names
    ]
    return dict(zip(names, cached_fragments(pieces, record=False), strict=True))


def _read(names: list[str]) -> dict[str, Any]:
    """The values `names` made from the rows of one query."""
    return _made(names, _union(names=tuple(sorted(names))))


def _made(names: list[str], pairs: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    """The values `names` made from `(name, row)` pairs (other names' rows are left out)."""
    rows: dict[str, list[dict]] = {name: [] for name in names}
    for name, row in pairs:
        if name in rows:
            rows[name].append(row)
    made = {}
    for name in names:
        value = _registry[name]
        values = ([row[path] for path in value.fields] for row in rows[name])
        made[name] = value.make(instances(value.model, value.fields, values, None))
    return made


def _build_union(*, names: tuple[str, ...]) -> models.QuerySet:
    members = []
    for name in names:
        value = _registry[name]
        row = JSONObject(**{path: F(path) for path in value.fields})
        members.append(
            value.rows()
            .order_by()
            .annotate(_site_value=Value(name, output_field=models.CharField()), _site_row=row)
            .values_list("_site_value", "_site_row")
        )
    return members[0].union(*members[1:], all=True)


_union = PreparedQuery(_build_union, shape=["names"])


class SiteRows(Expression):
    """`[generation, names, [[name, row], ...]]`: the registrations it was compiled under, the
    values `names` and the rows of all of them (None when none has a row), a scalar subquery
    over the same `UNION ALL` as `_union`. The names come back with the rows, so `offer()`
    knows which values they make, even those with no row; the generation, that the query
    (prepared once per process) still reads the fields each value is registered with."""

    output_field = models.JSONField()
    contains_aggregate = False

    def __init__(self, names: tuple[str, ...], generation: int):
        super().__init__()
        self.names, self.generation = names, generation

    def as_sql(self, compiler, connection, array="JSONB_BUILD_ARRAY", rows="JSONB_AGG", row=""):
        union = _build_union(names=self.names).query.get_compiler(connection=connection)
        union_sql, union_params = union.as_sql()
        names = ", ".join(["%s"] * len(self.names))
        pair = f'{array}("site_rows"."_site_value", {row}("site_rows"."_site_row"))'
        subquery = f'(SELECT {rows}({pair}) FROM ({union_sql}) "site_rows")'  # noqa: S608
        # The generation and names are parameters; the rest is SQL that Django compiled.
        sql = f"{array}(%s, {array}({names}), {subquery})"
        return sql, (self.generation, *self.names, *union_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, array="JSON_ARRAY", rows="JSON_GROUP_ARRAY", row="JSON"
        )


def with_site_values() -> SiteRows:
    """An annotation that brings every registered value's rows with a query's row, for
    `offer()`: one statement fewer for a page whose first query runs anyway."""
    return SiteRows(tuple(sorted(_registry)), _generation)


def offer(read: list | None) -> None:
    """Make this request's values from what a `with_site_values()` annotation read (the
    values it names that the request has not read yet, unless the fragment cache keeps them),
    so that `site_value()` does not query them. Outside a request, with nothing read, or with
    rows read for an earlier registration (a value registered again since the query was
    compiled), nothing happens."""
    memo = request_memo() if keeping() else None
    if memo is None or not read or read[0] != _generation:
        return
    _generation_read, names, pairs = read
    known = memo.setdefault(_MEMO, {})
    missing = [name for name in names if name in _registry and name not in known]
    # Through the fragment cache as `site_value()` goes: the kept ones are read from it, the
    # others made from these rows and kept, so the next page finds them all there.
    known.update(_fetch(missing, pairs or []))
