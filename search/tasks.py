"""Search index upkeep that can wait for the queue: articles written in bulk (imports)."""

from django.tasks import task

from search.index import update_search_vector


@task
def reindex_articles(article_ids: list[int]) -> int:
    """Recompute the search vectors of `article_ids`; returns rows updated."""
    return update_search_vector(article_ids)
