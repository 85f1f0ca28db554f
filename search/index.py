"""Keeping the stored search vectors current (PostgreSQL; nothing to keep on SQLite).

An article's vector: headline (weight A), standfirst and tag names (B), body (C), author
names (D), parsed in `SEARCH_CONFIG`. `search.signals` calls `update_search_vector` when any of
those change, which also adds the article's headline and tag words to the suggestion words;
`rebuild_search_index` calls it for every article, then rebuilds the words.
"""

import time
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from articles.models import Article, Byline, TaggedArticle
from search.backends import backend
from search.query import text_search_config
from search.words import remember_words


def vector_expression() -> SearchVector:
    """The weighted vector of each article row, its tags and its bylines' author names."""
    tag_names = (
        TaggedArticle.objects.filter(content_object=OuterRef("pk"))
        .values("content_object")
        .annotate(names=StringAgg("tag__name", Value(" ")))
        .values("names")
    )
    author_names = (
        Byline.objects.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(names=StringAgg("author__name", Value(" ")))
        .values("names")
    )
    cfg = text_search_config()
    return (
        SearchVector("headline", weight="A", config=cfg)
        + SearchVector("standfirst", weight="B", config=cfg)
        + SearchVector(
            Coalesce(Subquery(tag_names), Value(""), output_field=TextField()),
            weight="B",
            config=cfg,
        )
        # The text search parser skips HTML tags by itself, so the stored body goes in as is.
        + SearchVector("body", weight="C", config=cfg)
        + SearchVector(
            Coalesce(Subquery(author_names), Value(""), output_field=TextField()),
            weight="D",
            config=cfg,
        )
    )


def update_search_vector(article_ids: Iterable[int]) -> int:
    """Recompute the stored vectors of `article_ids` in one set-based UPDATE.

    Returns the number of rows updated; does nothing when the backend stores no vectors.
    """
    ids = list(article_ids)
    if not ids or not backend().STORES_VECTORS:
        return 0
    remember_words(ids)  # a new headline or tag may bring words "Did you mean" can offer
    return Article.objects.filter(pk__in=ids).update(search_vector=vector_expression())


def fill_search_vectors(
    ids: list[int], batch_size: int, report: Callable[[int, float], None]
) -> int:
    """Recompute the vectors of `ids` in committed batches, calling `report(done, per_second)`
    after each, then VACUUM ANALYZE the table: every row was written again (reclaim the old
    versions), and the planner picks the GIN index or the date index from the lexeme
    statistics. VACUUM cannot run inside a transaction (a test, another command): ANALYZE then.
    Returns how many vectors were written."""
    started = time.monotonic()
    done = 0
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            done += update_search_vector(ids[start : start + batch_size])
        report(done, done / max(time.monotonic() - started, 1e-6))
    vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(f"{vacuum} {Article._meta.db_table}")
    return done
