"""The two search backends and the choice between them, made once, by the database in use.

PostgreSQL gets full-text search over stored vectors (`postgres`); every other database gets
the portable LIKE scan (`sqlite`, the embedded default). Each backend module provides the
members of `Backend`; `search.engine` and `search.index` call them through `backend()`.
"""

from typing import Protocol

from django.db import connection

from articles.querysets import ArticleQuerySet
from search.backends import postgres, sqlite


class Backend(Protocol):
    """What a backend module provides."""

    # Whether articles carry a stored search vector that `search.index` must keep current.
    STORES_VECTORS: bool

    def matching(self, queryset: ArticleQuerySet, query: str) -> ArticleQuerySet: ...

    def newest_match_ids(self, newest: ArticleQuerySet, limit: int) -> list[int]: ...

    def best_first(self, results: ArticleQuerySet, query: str) -> ArticleQuerySet: ...

    def highlights(self, ids: list[int], query: str) -> dict[int, tuple[str, str]]: ...

    def suggest(self, query: str, public: ArticleQuerySet) -> str | None: ...


BACKENDS: dict[str, Backend] = {"postgresql": postgres}


def backend() -> Backend:
    """The backend for the vendor of the default database connection."""
    return BACKENDS.get(connection.vendor, sqlite)
