"""What a reader may ask: the query's length, its syntax, its filters and its time budget.

The syntax is PostgreSQL's `websearch_to_tsquery` ("quoted phrases", -exclusions, `or` between
groups). PostgreSQL parses the raw text itself; `parse_query` reads it the same way for the
SQLite scan and its snippets.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from articles.querysets import ArticleQuerySet

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


class SearchTooSlow(Exception):
    """The database cancelled the match query after its time limit (a phrase of very common
    words); the reader is asked to narrow the search."""


def text_search_config() -> str:
    """The language the stored vectors are built in; queries must be parsed in the same one."""
    return settings.SEARCH_CONFIG


@dataclass(frozen=True)
class SearchFilters:
    """Optional narrowing of a search, as chosen in the search form."""

    section: object | None = None
    author: object | None = None
    date_from: date | None = None
    date_to: date | None = None

    def apply(self, queryset: ArticleQuerySet) -> ArticleQuerySet:
        if self.section is not None:
            queryset = queryset.in_section(self.section)
        if self.author is not None:
            queryset = queryset.by_author(self.author)
        if self.date_from is not None:
            queryset = queryset.filter(published_at__date__gte=self.date_from)
        if self.date_to is not None:
            queryset = queryset.filter(published_at__date__lte=self.date_to)
        return queryset


@dataclass(frozen=True)
class ParsedQuery:
    """The reader's query in the websearch syntax, as alternatives of required/excluded parts."""

    alternatives: list[tuple[list[str], list[str]]] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[str]:
        return [term for required, _ in self.alternatives for term in required]

    def __bool__(self) -> bool:
        return any(required for required, _ in self.alternatives)


def parse_query(text: str) -> ParsedQuery:
    """Split `text` like websearch_to_tsquery: "phrases", -exclusions, `or` between groups.

    An unbalanced quote runs to the end of the text; punctuation-only parts are dropped.
    """
    alternatives: list[tuple[list[str], list[str]]] = [([], [])]
    for match in _TOKEN.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        if match.group(4) is not None and raw.lower() == "or":
            alternatives.append(([], []))
            continue
        words = WORD.findall(raw)
        if not words:
            continue
        part = " ".join(words)
        alternatives[-1][1 if negated else 0].append(part)
    return ParsedQuery([alt for alt in alternatives if alt[0]])
