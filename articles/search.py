"""Article search: one entry point, two engines chosen by the database in use.

PostgreSQL: a stored, weighted `search_vector` per article (headline A; dek and tags B; body C;
author names D), a GIN index, `websearch_to_tsquery` syntax ("quoted phrases", -exclude, or),
ranking by `ts_rank` times a recency boost, `ts_headline` snippets and "Did you mean ...?"
suggestions from pg_trgm similarity on public headlines and tags.

SQLite (the embedded default): a capped LIKE scan over public articles, newest first, with the
same query syntax and snippets cut in Python. No ranking by relevance and no suggestions.

Everything a reader sees comes from `Article.objects.published()` (or a narrower queryset
given by the caller), so drafts, scheduled and unpublished stories never reach results,
snippets or suggestions.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db import OperationalError, connection, transaction
from django.db.models import (
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Now
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from psycopg.errors import QueryCanceled
from taggit.models import Tag

from .models import Article, Byline, TaggedArticle
from .querysets import ArticleQuerySet

MAX_QUERY_LENGTH = 200
# A search returns at most the RESULT_LIMIT newest matching articles, ranked by relevance on
# PostgreSQL. This bounds the cost of a word found in most of the archive (PostgreSQL walks
# the publication-date index until it has enough; the SQLite scan stops there); readers
# narrow such searches with another word or a filter, and the page says so.
RESULT_LIMIT = 200
# The match query may run this long before PostgreSQL cancels it and the reader is asked to
# narrow the search: a public search box must not let one request hold a connection.
TIMEOUT_MS = 3000
# Reading and testing one stored vector costs about this many plain row reads (measured on
# the benchmark archive); see _newest_match_ids.
WALK_COST = 4
# Recency boost: a story's relevance is multiplied by 1 + 1 / (1 + age / RECENCY_DAYS), so a
# fresh story counts twice, one RECENCY_DAYS old 1.5 times and an old one about once. The
# headline weight (1.0) is five times the body's (0.2), so a headline match still beats a
# body match whatever the dates.
RECENCY_DAYS = 90
SNIPPET_WORDS = 30
SUGGESTION_TERMS = 4
WORD_SIMILARITY = 0.45
_START, _STOP = "<mark>", "</mark>"
# What ts_headline puts around matches: control characters no stored text keeps (see below).
_START_SEL, _STOP_SEL = "\x02", "\x03"
_TAG = re.compile(r"<[^>]+>")


def config() -> str:
    return getattr(settings, "SEARCH_CONFIG", "english")


def uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


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
    """The reader's query in the websearch syntax, as alternatives of required/excluded parts.

    Used by the SQLite scan and for snippets there; PostgreSQL parses the raw text itself.
    """

    alternatives: list[tuple[list[str], list[str]]] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[str]:
        return [term for required, _ in self.alternatives for term in required]

    def __bool__(self) -> bool:
        return any(required for required, _ in self.alternatives)


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


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
        words = _WORD.findall(raw)
        if not words:
            continue
        part = " ".join(words)
        alternatives[-1][1 if negated else 0].append(part)
    return ParsedQuery([alt for alt in alternatives if alt[0]])


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
    the articles searched (default: all public ones); the admin passes its own.
    """
    queryset = base if base is not None else Article.objects.published()
    matches = matching((filters or SearchFilters()).apply(queryset), query)
    newest = matches.order_by("-published_at", "-id").values_list("pk", flat=True)
    if uses_postgresql():
        results = Article.objects.filter(pk__in=_newest_match_ids(newest))
        return _ranked(results, _tsquery(query)).for_listing()
    results = Article.objects.filter(pk__in=list(newest[:RESULT_LIMIT]))
    return results.for_listing().newest_first()


def _newest_match_ids(newest: ArticleQuerySet) -> list[int]:
    """The ids of the RESULT_LIMIT newest matches, by the plan that suits the query.

    Two plans: walk the publication-date index testing each story (cost grows with the
    stories walked, each test reading a compressed vector), or collect every match from the
    GIN index and sort them by date (cost grows with the matches, each a cheap row read).
    Walking wins only when matches are dense: about RESULT_LIMIT * N / matches stories are
    walked, so it pays above sqrt(WALK_COST * RESULT_LIMIT * N) matches. PostgreSQL's own
    choice prices the vector test as nearly free and walks for a word in 2% of stories, or
    the whole archive for a rare phrase (whose frequency it cannot estimate), so we take its
    row estimates and make the choice ourselves, for this query only (SET LOCAL).
    """
    sql, params = newest.query.sql_with_params()
    table = Article._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        estimated_matches = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
        # Walk when the estimate exceeds sqrt(WALK_COST * RESULT_LIMIT * stories in the table).
        cursor.execute(
            "SELECT set_config('enable_bitmapscan', CASE WHEN walk THEN 'off' ELSE 'on' END, "
            "true), set_config('enable_indexscan', CASE WHEN walk THEN 'on' ELSE 'off' END, true), "
            "set_config('statement_timeout', %s, true) "
            "FROM (SELECT %s > sqrt(%s * greatest(reltuples, 1)) AS walk FROM pg_class "
            "WHERE oid = %s::regclass) AS choice",
            [str(TIMEOUT_MS), estimated_matches, WALK_COST * RESULT_LIMIT, table],
        )
        try:
            return list(newest[:RESULT_LIMIT])
        except OperationalError as error:
            if isinstance(error.__cause__, QueryCanceled):
                raise SearchTooSlow(f"Search cancelled after {TIMEOUT_MS} ms.") from error
            raise


class SearchTooSlow(Exception):
    """PostgreSQL cancelled the match query after TIMEOUT_MS (a phrase of very common words)."""


def matching(queryset: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """`queryset` narrowed to the articles matching `query`, unordered (the admin uses it)."""
    if uses_postgresql():
        return queryset.filter(search_vector=_tsquery(query))
    return _scan(queryset, parse_query(query))


def _tsquery(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=config())


def _ranked(results: ArticleQuerySet, tsquery: SearchQuery) -> ArticleQuerySet:
    age_days = Func(
        Now() - F("published_at"),
        template="EXTRACT(EPOCH FROM %(expressions)s) / 86400.0",
        output_field=FloatField(),
    )
    boost = Value(1.0) + Value(1.0) / (Value(1.0) + age_days / Value(float(RECENCY_DAYS)))
    return results.annotate(score=SearchRank(F("search_vector"), tsquery) * boost).order_by(
        F("score").desc(nulls_last=True), "-published_at", "-id"
    )


def _scan(queryset: ArticleQuerySet, parsed: ParsedQuery) -> ArticleQuerySet:
    """The SQLite fallback: every required part found (LIKE) in headline, dek, body or tags."""
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
        | Q(dek__icontains=part)
        | Q(body__icontains=part)
        | Q(pk__in=TaggedArticle.objects.filter(tag__name__iexact=part).values("content_object"))
    )


# Keeping the stored vectors current ----------------------------------------------------------


def _vector_expression() -> SearchVector:
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
    cfg = config()
    return (
        SearchVector("headline", weight="A", config=cfg)
        + SearchVector("dek", weight="B", config=cfg)
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

    Called after an article, its tags or its bylines change (articles/signals.py) and by
    `rebuild_search_index`. Returns the number of rows updated; does nothing on SQLite.
    """
    ids = list(article_ids)
    if not ids or not uses_postgresql():
        return 0
    return Article.objects.filter(pk__in=ids).update(search_vector=_vector_expression())


# Snippets ----------------------------------------------------------------------------------


def highlight(articles: list[Article], query: str) -> None:
    """Give each article of a result page `search_headline` and `search_snippet` (safe HTML).

    One query for the page. Highlighting runs over text with the tags stripped, then
    everything is escaped and only our own `<mark>` elements are put back.
    """
    if not articles:
        return
    ids = [article.pk for article in articles]
    if uses_postgresql():
        rows = _postgresql_highlights(ids, query)
    else:
        rows = _sqlite_highlights(ids, parse_query(query))
    for article in articles:
        headline, snippet = rows.get(article.pk, (escape(article.headline), ""))
        article.search_headline = headline
        article.search_snippet = snippet


def _postgresql_highlights(ids: list[int], query: str) -> dict[int, tuple[str, str]]:
    tsquery = _tsquery(query)
    snippet_source = Func(
        _without_sentinels(Coalesce(F("dek"), Value(""))),
        Value(" "),
        Func(
            _without_sentinels(F("body")),
            Value(_TAG.pattern),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        ),
        function="concat",
        output_field=TextField(),
    )
    options = {"config": config(), "start_sel": _START_SEL, "stop_sel": _STOP_SEL}
    rows = Article.objects.filter(pk__in=ids).annotate(
        marked_headline=SearchHeadline(
            _without_sentinels(F("headline")), tsquery, highlight_all=True, **options
        ),
        marked_snippet=SearchHeadline(
            snippet_source,
            tsquery,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            max_fragments=2,
            fragment_delimiter=" … ",
            **options,
        ),
    )
    return {
        pk: (_safe_marked(headline, stored_html=False), _safe_marked(snippet, stored_html=True))
        for pk, headline, snippet in rows.values_list("pk", "marked_headline", "marked_snippet")
    }


def _without_sentinels(expression) -> Func:
    return Func(
        expression,
        Value(_START_SEL + _STOP_SEL),
        Value(""),
        function="translate",
        output_field=TextField(),
    )


def _safe_marked(marked: str, stored_html: bool) -> SafeString:
    """Escape highlighted text, turning only the highlighter's sentinels into `<mark>`.

    The sentinels are control characters removed from the source text first, so nothing a
    story contains (even a literal "<mark>") can become markup. Text cut from stored HTML has
    its entities decoded before it is escaped once.
    """
    out = []
    for piece in re.split(f"([{_START_SEL}{_STOP_SEL}])", marked or ""):
        if piece == _START_SEL:
            out.append(_START)
        elif piece == _STOP_SEL:
            out.append(_STOP)
        else:
            out.append(escape(html.unescape(piece) if stored_html else piece))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def plain_text(body_html: str) -> str:
    """The reader-visible text of stored HTML: tags dropped, entities decoded, spaces folded."""
    return " ".join(html.unescape(_TAG.sub(" ", body_html or "")).split())


def _sqlite_highlights(ids: list[int], parsed: ParsedQuery) -> dict[int, tuple[str, str]]:
    terms = sorted(set(parsed.positive_terms), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    rows = Article.objects.filter(pk__in=ids).values_list("pk", "headline", "dek", "body")
    return {
        pk: (
            _mark(headline, pattern),
            _mark(_window(f"{dek} {plain_text(body)}", pattern), pattern),
        )
        for pk, headline, dek, body in rows
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
        out += [escape(text[last : match.start()]), _START, escape(match.group()), _STOP]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


# "Did you mean ...?" -------------------------------------------------------------------------


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: lower-cased, padded with two spaces before, one after."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second) if first and second else 0.0


def suggest(query: str, base: ArticleQuerySet | None = None) -> str | None:
    """A corrected query built from words of public headlines and tags, or None.

    PostgreSQL only. Each word of the query is compared (pg_trgm) with the headlines and tag
    names of public articles; a suggestion is offered only if it differs from the query and
    finds something.
    """
    if not uses_postgresql():
        return None
    public = base if base is not None else Article.objects.published()
    words = [w for w in _WORD.findall(query) if not w.isdigit()][:SUGGESTION_TERMS]
    if not words:
        return None
    corrected = []
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_trgm's default (0.6) misses common typos such as "platfrom" for "platform".
        cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY}")
        for word in words:
            best = _closest_word(word.lower(), public) if len(word) >= 3 else None
            corrected.append(best or word.lower())
    suggestion = " ".join(corrected)
    if suggestion == " ".join(w.lower() for w in words):
        return None
    if not public.filter(search_vector=_tsquery(suggestion)).exists():
        return None
    return suggestion


def _closest_word(word: str, public: ArticleQuerySet) -> str | None:
    headlines = (
        public.filter(headline__trigram_word_similar=word)
        .annotate(closeness=TrigramWordSimilarity(word, "headline"))
        .order_by("-closeness")
        .values_list("headline", flat=True)[:5]
    )
    tags = (
        Tag.objects.filter(
            name__trigram_similar=word,
            articles_taggedarticle_items__content_object__in=public.values("pk"),
        )
        .annotate(closeness=TrigramSimilarity("name", word))
        .order_by("-closeness")
        .values_list("name", flat=True)
        .distinct()[:5]
    )
    candidates = {w.lower() for headline in headlines for w in _WORD.findall(headline)}
    candidates |= {name.lower() for name in tags}
    scored = [(similarity(word, c), c) for c in candidates if len(c) >= 3]
    if not scored:
        return None
    score, best = max(scored)
    return best if score >= 0.3 else None
