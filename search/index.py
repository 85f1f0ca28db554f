"""Keeping the stored search vectors current (PostgreSQL; nothing to keep on SQLite).

An article's vector: headline (weight A), standfirst and tag names (B), body (C), author
names (D), parsed in `SEARCH_CONFIG`. `search.signals` calls `update_search_vector` when any of
those change; `rebuild_search_index` calls it for every article.
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from articles.models import Article, Byline, TaggedArticle
from search.backends import backend
from search.query import text_search_config


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
    return Article.objects.filter(pk__in=ids).update(search_vector=vector_expression())
