"""The reader search engine in the admin's article search box."""

from search.engine import matching
from search.query import MAX_QUERY_LENGTH


class ArticleSearchMixin:
    """For `ArticleAdmin`: the search box uses the full-text engine, drafts included.

    Matches of the engine (PostgreSQL: the weighted vector, any word of headline, standfirst, tags,
    body or bylines; SQLite: the LIKE scan) are added to the admin's own `search_fields`
    matches, so a slug or an exact headline fragment still finds its article. The changelist
    keeps its own ordering and filters.
    """

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        terms = " ".join(search_term.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
        if terms:
            results = results | matching(queryset, terms)
        return results, may_have_duplicates
