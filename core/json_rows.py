"""Rows of other tables inside one query's rows, as JSON, and model instances made from them.

With the caches cold, a query's fixed cost (the round trip, the driver, the ORM's setup) is
most of what a small one costs: a page's stories, then their bylines, then the tags cost three
times that. Two tools let one query bring such rows along:

- `json_rows()`: an annotation of an outer query, a correlated subquery aggregating one JSON
  array per related row (PostgreSQL's `JSONB_AGG`, SQLite's `JSON_GROUP_ARRAY`); it comes
  back as a list of lists. The rows come in no particular order (SQLite before 3.44 cannot
  order an aggregate): put the ordering columns first and sort.
- `instances()`: rows of values made into model instances holding those fields, the others
  deferred as with `only()` (reading one would query); `relation__field` values fill the
  related instance. `core.site_values` uses them for its own JSON rows.

JSON carries ints, strings, booleans and floats faithfully; fields it would carry as text in a
database's own format (dates, times, decimals, binary, UUIDs) are refused (`check_fields()`).
"""

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from django.db import models
from django.db.models import Aggregate, OuterRef, Subquery
from django.db.models.functions import JSONArray

# Field types whose JSON form is the database's own text, different on each database.
_REFUSED = (
    models.DateField,  # DateTimeField too
    models.TimeField,
    models.DurationField,
    models.DecimalField,
    models.BinaryField,
    models.UUIDField,
)


class JSONRows(Aggregate):
    """The JSON array of the aggregated rows' values (each a JSON array), in no order."""

    function = "JSONB_AGG"
    output_field = models.JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def json_rows(related: models.QuerySet, owner: str, *fields: str) -> Subquery:
    """For each row of the outer query, `[[*fields], ...]` of the rows of `related` whose
    `owner` column is that row's pk (None when there are none)."""
    check_fields(related.model, fields)
    rows = related.filter(**{owner: OuterRef("pk")}).order_by().values(owner)
    return Subquery(rows.annotate(json_rows=JSONRows(JSONArray(*fields))).values("json_rows"))


def field_of(model: type[models.Model], path: str) -> models.Field:
    """The field `path` names from `model` (`relation__field` crosses to-one relations)."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def check_fields(model: type[models.Model], paths: Iterable[str]) -> None:
    for path in paths:
        field = field_of(model, path)
        if isinstance(field, _REFUSED):
            raise ValueError(
                f"{model.__name__}.{path} ({type(field).__name__}) would come back as text in "
                "the database's own format: read it with a query of its own."
            )


def _python(field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return json.loads(value) if isinstance(value, str) else value  # SQLite: as text
    return field.to_python(value)  # SQLite's booleans are 0 and 1


@lru_cache(maxsize=64)
def _plan(model: type[models.Model], paths: tuple[str, ...]) -> tuple:
    """Per model (the instance's, then each relation's): its relation field (None for the
    instance's own), its fields in the model's order, and where each value is in a row."""
    groups: dict[str, list[tuple[int, models.Field]]] = {}
    for index, path in enumerate(paths):
        relation = path.rpartition("__")[0]
        groups.setdefault(relation, []).append((index, field_of(model, path)))
    plans = []
    for relation, fields in groups.items():
        link = model._meta.get_field(relation) if relation else None
        owner = link.related_model if link else model
        if link is not None and not any(field.primary_key for _, field in fields):
            fields.append((None, owner._meta.pk))  # None: the instance's foreign key
        order = {field.attname: number for number, field in enumerate(owner._meta.concrete_fields)}
        fields.sort(key=lambda item: order[item[1].attname])
        attnames = tuple(field.attname for _, field in fields)
        plans.append((link, owner, attnames, tuple(fields)))
    if "" not in groups:
        raise ValueError(f"{paths}: name at least one field of {model.__name__} itself")
    plans.sort(key=lambda plan: plan[0] is not None)  # the instance first
    return tuple(plans)


def instances(
    model: type[models.Model], paths: Sequence[str], rows: Iterable[Sequence], db: str | None
) -> list[models.Model]:
    """Each row (its values in `paths` order) as an instance of `model` holding those fields,
    the others deferred. `relation__field` paths (one level of to-one relations) fill the
    related instance, set only when the row's foreign key is not None; name the foreign key
    itself (`photo_id`) among the paths."""
    plans = _plan(model, tuple(paths))
    made = []
    for row in rows:
        instance = None
        for link, owner, attnames, fields in plans:
            if link is None:
                values = [_python(field, row[index]) for index, field in fields]
                instance = owner.from_db(db, attnames, values)
            elif (key := getattr(instance, link.attname)) is not None:
                values = [
                    key if index is None else _python(field, row[index]) for index, field in fields
                ]
                link.set_cached_value(instance, owner.from_db(db, attnames, values))
        made.append(instance)
    return made
