"""Measure the queries a page costs, to prove it stays flat as the archive grows."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def is_list_count(sql: str) -> bool:
    """A list's count for its page links: the ids of its first stories (a section, tag or
    author page's prepared query) or a `COUNT(*)` (the latest stories)."""
    return "COUNT(" in sql.upper() or sql.startswith('SELECT "articles_article"."id" AS "pk" FROM ')


def queries_for(client, url: str) -> int:
    """Queries of a fully cold request: caches (pages, fragments, navigation) are emptied."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)
