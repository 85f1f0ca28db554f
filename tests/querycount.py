"""Measure the queries a page costs, to prove it stays flat as the archive grows."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    """Queries of a fully cold request: caches (pages, fragments, navigation) are emptied."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)
