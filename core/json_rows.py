"""A related set's rows inside its owner's row: one JSON array per owner, read by one query.

A list page read its stories, then their bylines with a second query: with the caches cold,
the second query's fixed cost (the round trip, the driver, the ORM's setup) was most of what
the bylines cost. `json_rows()` makes the related rows a column of the stories' own query: a
correlated subquery aggregating one JSON array per row (PostgreSQL's `JSONB_AGG`, SQLite's
`JSON_GROUP_ARRAY`), which comes back as a list of lists. The rows come in no particular order
(SQLite before 3.44 cannot order an aggregate): put the ordering columns in and sort.
"""

from django.db import models
from django.db.models import Aggregate, OuterRef, Subquery
from django.db.models.functions import JSONArray


class JSONRows(Aggregate):
    """The JSON array of the aggregated rows' values (each a JSON array), in no order."""

    function = "JSONB_AGG"
    output_field = models.JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def json_rows(related: models.QuerySet, owner: str, *fields: str) -> Subquery:
    """For each row of the outer query, `[[*fields], ...]` of the rows of `related` whose
    `owner` column is that row's pk (None when there are none)."""
    rows = related.filter(**{owner: OuterRef("pk")}).order_by().values(owner)
    return Subquery(rows.annotate(json_rows=JSONRows(JSONArray(*fields))).values("json_rows"))
