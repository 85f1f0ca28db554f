"""Cursor pagination: each page ends with an opaque cursor naming the last row's sort key.

The next page starts strictly after that key (keyset pagination), so stories published while
a caller pages through never shift or repeat rows, and a page costs the same at any depth.
"""

import base64
import json
from datetime import datetime

from django.db.models import Q

from api.problems import field_problem

MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def encode(ordering: str, value, pk: int) -> str:
    raw = value.isoformat() if isinstance(value, datetime) else value
    text = json.dumps([ordering, raw, pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, ordering: str) -> tuple:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, raw, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if name != ordering or not isinstance(pk, int):
            raise ValueError
        value = pk if raw == pk else datetime.fromisoformat(raw)
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
        raise field_problem(
            "cursor", "Unknown cursor: pass the `next` value of the previous page unchanged."
        ) from None
    return value, pk


def page(queryset, ordering: str, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """Rows after `cursor` in `ordering` ("-field" or "field", ties broken by id), and the
    cursor of the page after them (None on the last page)."""
    field = ordering.lstrip("-")
    descending = ordering.startswith("-")
    if cursor:
        value, pk = decode(cursor, ordering)
        after = "lt" if descending else "gt"
        queryset = queryset.filter(
            Q(**{f"{field}__{after}": value}) | Q(**{field: value, f"pk__{after}": pk})
        )
    order = [f"-{field}", "-pk"] if descending else [field, "pk"]
    rows = list(queryset.order_by(*order)[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode(ordering, getattr(last, field), last.pk)
