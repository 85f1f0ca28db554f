"""Article search: the one entry point, over the backend of the database in use.

Everything a reader sees comes from `Article.objects.published()` (or a narrower queryset
given by the caller), so drafts, scheduled and unpublished stories never reach results,
snippets or suggestions. `search.backends` holds what differs between PostgreSQL and SQLite.
"""

from django.utils.html import escape

from articles.models import Article
from articles.querysets import ArticleQuerySet
from search.backends import backend
from search.query import SearchFilters

# A search returns at most the RESULT_LIMIT newest matching articles, ranked by relevance on
# PostgreSQL. This bounds the cost of a word found in most of the archive (PostgreSQL walks
# the publication-date index until it has enough; the SQLite scan stops there); readers
# narrow such searches with another word or a filter, and the page says so.
RESULT_LIMIT = 200


def search_articles(
    query: str,
    filters: SearchFilters | None = None,
    base: ArticleQuerySet | None = None,
) -> ArticleQuerySet:
    """Public articles matching `query`, best first, ready for a teaser list.

    Runs one query to collect the ids of the RESULT_LIMIT newest matches (this bounds the
    cost of a word found in most of the archive: ranking, counting and paging then work on
    those ids alone) and returns a lazy queryset of them, ranked on PostgreSQL, newest first
    on SQLite. Paginate it, then call `highlight()` on the page for snippets. `base` narrows
    the articles searched (default: all public ones). May raise `SearchTooSlow`.
    """
    engine = backend()
    queryset = base if base is not None else Article.objects.published()
    matches = engine.matching((filters or SearchFilters()).apply(queryset), query)
    newest = matches.order_by("-published_at", "-id").values_list("pk", flat=True)
    results = Article.objects.filter(pk__in=engine.newest_match_ids(newest, RESULT_LIMIT))
    return engine.best_first(results, query).for_listing()


def matching(queryset: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """`queryset` narrowed to the articles matching `query`, unordered (the admin uses it)."""
    return backend().matching(queryset, query)


def highlight(articles: list[Article], query: str) -> None:
    """Give each article of a result page `search_headline` and `search_snippet` (safe HTML).

    One query for the page. Highlighting runs over text with the tags stripped, then
    everything is escaped and only our own `<mark>` elements are put back.
    """
    if not articles:
        return
    rows = backend().highlights([article.pk for article in articles], query)
    for article in articles:
        headline, snippet = rows.get(article.pk, (escape(article.headline), ""))
        article.search_headline = headline
        article.search_snippet = snippet


def suggest(query: str, base: ArticleQuerySet | None = None) -> str | None:
    """A corrected query built from words of public headlines and tags, or None.

    PostgreSQL only (pg_trgm); a suggestion is offered only if it differs from the query and
    finds a public story.
    """
    public = base if base is not None else Article.objects.published()
    return backend().suggest(query, public)
