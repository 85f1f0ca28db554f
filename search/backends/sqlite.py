"""The portable backend (SQLite, the embedded default): a capped LIKE scan over the articles.

Same query syntax as PostgreSQL, read by `parse_query`; results newest first, snippets cut in
Python. No stemming, no ranking by relevance and no suggestions: PostgreSQL is the production
search, and this keeps development and small sites free of virtual tables and triggers.
"""

import re

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, TaggedArticle
from articles.querysets import ArticleQuerySet
from search.query import parse_query
from search.snippets import MARK_START, MARK_STOP, SNIPPET_WORDS, plain_text

# The scan reads the articles' own text: there is no stored vector to keep current.
STORES_VECTORS = False


def matching(queryset: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """Every required part found (LIKE) in headline, standfirst, body or tags, no excluded one."""
    parsed = parse_query(query)
    if not parsed:
        return queryset.none()
    condition = Q()
    for required, excluded in parsed.alternatives:
        alternative = Q()
        for part in required:
            alternative &= _contains(part)
        for part in excluded:
            alternative &= ~_contains(part)
        condition |= alternative
    return queryset.filter(condition)


def _contains(part: str) -> Q:
    return (
        Q(headline__icontains=part)
        | Q(standfirst__icontains=part)
        | Q(body__icontains=part)
        | Q(pk__in=TaggedArticle.objects.filter(tag__name__iexact=part).values("content_object"))
    )


def newest_match_ids(newest: ArticleQuerySet, limit: int) -> list[int]:
    """The scan stops once it has `limit` matches, walking from the newest."""
    return list(newest[:limit])


def best_first(results: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """No relevance here: the newest match comes first."""
    return results.newest_first()


def highlights(ids: list[int], query: str) -> dict[int, tuple[str, str]]:
    """The marked headline and a snippet around the first match, per article id."""
    terms = sorted(set(parse_query(query).positive_terms), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    rows = Article.objects.filter(pk__in=ids).values_list("pk", "headline", "standfirst", "body")
    return {
        pk: (
            _mark(headline, pattern),
            _mark(_window(f"{standfirst} {plain_text(body)}", pattern), pattern),
        )
        for pk, headline, standfirst, body in rows
    }


def _window(text: str, pattern: re.Pattern | None) -> str:
    """About SNIPPET_WORDS words of `text` around its first match (or from its start)."""
    words = text.split()
    first = 0
    if pattern is not None:
        for index, word in enumerate(words):
            if pattern.search(word):
                first = index
                break
    start = max(first - SNIPPET_WORDS // 3, 0)
    window = words[start : start + SNIPPET_WORDS]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return prefix + " ".join(window) + suffix


def _mark(text: str, pattern: re.Pattern | None) -> SafeString:
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last : match.start()]), MARK_START, escape(match.group()), MARK_STOP]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def suggest(query: str, public: ArticleQuerySet) -> str | None:
    """No "Did you mean": there is no trigram index to find close words cheaply."""
    return None
