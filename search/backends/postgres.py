"""PostgreSQL full-text search over the stored, weighted `search_vector` (see `search.index`).

`websearch_to_tsquery` syntax ("quoted phrases", -exclude, or), ranking by `ts_rank` times a
recency boost, `ts_headline` snippets and "Did you mean ...?" suggestions from pg_trgm
similarity with the words of live headlines and tags (search/words.py).
"""

import html
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
)
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, Expression, F, FloatField, Func, TextField, Value
from django.db.models.functions import Coalesce, Now
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from psycopg.errors import QueryCanceled

from articles.models import Article
from articles.querysets import ArticleQuerySet
from search.query import WORD, SearchTooSlow, text_search_config
from search.snippets import HTML_TAG, MARK_START, MARK_STOP, SNIPPET_WORDS
from search.words import closest_word

STORES_VECTORS = True
# The match query may run this long before PostgreSQL cancels it and the reader is asked to
# narrow the search: a public search box must not let one request hold a connection.
TIMEOUT_MS = 3000
# Reading and testing one stored vector costs about this many plain row reads (measured on
# the benchmark archive); see newest_match_ids.
WALK_COST = 4
# Recency boost: a story's relevance is multiplied by 1 + 1 / (1 + age / RECENCY_DAYS), so a
# fresh story counts twice, one RECENCY_DAYS old 1.5 times and an old one about once. The
# headline weight (1.0) is five times the body's (0.2), so a headline match still beats a
# body match whatever the dates.
RECENCY_DAYS = 90
# Collecting many matches reads the newest first: a date window expected to hold this many
# times the results, when that is at most MAX_WINDOW_SHARE of the archive, then older windows
# each WINDOW_GROWTH times as large (newest_match_ids).
WINDOW_MATCHES = 2
WINDOW_GROWTH = 4
MAX_WINDOW_SHARE = 0.5
SUGGESTION_TERMS = 4
SIMILARITY = 0.3  # pg_trgm's default threshold, for one word against another
# Narrow quoted phrases through the word-pair index (see PhrasePairs); the benchmark and the
# tests turn it off to compare with the plain match.
USE_WORD_PAIRS = True
PAIRS_INDEX = "article_search_pairs_idx"  # articles/migrations/0012
VECTOR_INDEX = "article_search_vector_idx"  # articles/migrations/0004
# What ts_headline puts around matches: control characters no stored text keeps (see below).
_START_SEL, _STOP_SEL = "\x02", "\x03"


def _tsquery(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=text_search_config())


class _OnTheVector(Expression):
    """A condition on the stored vector's row with the reader's query as bound parameters;
    `as_sql` names the table through the resolved column (subqueries relabel it)."""

    output_field = BooleanField()

    def __init__(self, query: str, config: str):
        super().__init__()
        self.vector, self.query, self.config = F("search_vector"), query, config

    def get_source_expressions(self):
        return [self.vector]

    def set_source_expressions(self, exprs):
        (self.vector,) = exprs

    def column(self, compiler, name: str) -> str:
        return f"{compiler.quote_name(self.vector.alias)}.{name}"


class PhrasePairs(_OnTheVector):
    """True when the story has every adjacent word pair the query's required phrases need.

    A pre-filter the GIN index on `articles_article.search_pairs` answers by itself (the
    column and the functions come from migration articles/0012; the column is not in the
    model); the exact match is checked on its candidates (`CheckedMatch`). `search_phrase_pairs()`
    returns NULL when the query requires no pair (no phrase, a negated one, a stop word
    between the words, a top-level `or`): PostgreSQL folds it into a constant while planning,
    so the condition then disappears. The reader's text is a bound parameter.
    """

    def as_sql(self, compiler, connection):
        column = self.column(compiler, "search_pairs")
        pairs = "search_phrase_pairs(websearch_to_tsquery(%s::regconfig, %s))"
        sql = f"({column} @@ {pairs} OR {pairs} IS NULL)"
        return sql, (self.config, self.query, self.config, self.query)


class CheckedMatch(_OnTheVector):
    """`search_vector @@ query`, tested on the rows another condition found: written on
    `search_vector || ''` (the same vector), which no index covers, so PostgreSQL does not also
    read the vector index for it. For a phrase of common words that index holds most of the
    archive (611,000 entries for "small team" at a million stories), and intersecting it with
    the few rows of the word-pairs index only cost time."""

    def as_sql(self, compiler, connection):
        column = self.column(compiler, "search_vector")
        sql = f"(({column} || ''::tsvector) @@ websearch_to_tsquery(%s::regconfig, %s))"
        return sql, (self.config, self.query)


def _requires_pairs(query: str, config: str) -> bool:
    """Whether the query's required phrases name word pairs (see PhrasePairs): one round trip,
    asked only for a query with a quote in it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_phrase_pairs(websearch_to_tsquery(%s::regconfig, %s)) IS NOT NULL",
            [config, query],
        )
        return bool(cursor.fetchone()[0])


def matching(queryset: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """`queryset` narrowed to the articles whose stored vector matches `query`.

    A query with a quoted phrase of adjacent words is found through its word pairs
    (`PhrasePairs`, answered by their GIN index), and the exact match is then checked on those
    candidates only (`CheckedMatch`): a phrase of two common words reads its few candidates
    instead of checking word positions in every story that has both words.
    """
    config = text_search_config()
    if USE_WORD_PAIRS and '"' in query and _requires_pairs(query, config):
        return queryset.filter(PhrasePairs(query, config), CheckedMatch(query, config))
    return queryset.filter(search_vector=_tsquery(query))


def newest_match_ids(newest: ArticleQuerySet, limit: int) -> list[int]:
    """The ids of the `limit` newest matches, by the plan that suits the query.

    Two plans: walk the publication-date index testing each story (cost grows with the
    stories walked, each test reading a compressed vector), or collect the matches from the
    GIN index and sort them by date (cost grows with the matches, each a row read and, for a
    phrase, a check of its vector). Walking wins only when matches are dense: about
    limit * N / matches stories are walked, so it pays above sqrt(WALK_COST * limit * N)
    matches. PostgreSQL's own choice prices the vector test as nearly free and walks for a
    word in 2% of stories, or the whole archive for a rare phrase (whose frequency it cannot
    estimate), so we take its row estimates and make the choice ourselves, for this query
    only (SET LOCAL). A phrase answered through the word pairs (`PhrasePairs`) is estimated
    from the pairs' statistics, so it collects its few candidates from the pairs index.

    Collecting reads only the newest matches when there are many more than `limit`: first
    those published since the first of `window_starts()` (expected: WINDOW_MATCHES times
    `limit`; the GIN index's matches are intersected with the date index's range before any
    row is read), then, only while that falls short (the estimate was high, or the matches are
    old), the next older windows, each larger, and last everything older. The ids are the same
    either way.
    Raises SearchTooSlow when the query runs past TIMEOUT_MS.
    """
    sql, params = newest.query.sql_with_params()
    table = Article._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        estimated_matches = estimated_rows(cursor.fetchone()[0][0]["Plan"])
        # Walk when the estimate exceeds sqrt(WALK_COST * limit * stories in the table).
        cursor.execute(
            "SELECT walk, set_config('enable_bitmapscan', CASE WHEN walk THEN 'off' ELSE 'on' "
            "END, true), set_config('enable_indexscan', CASE WHEN walk THEN 'on' ELSE 'off' END, "
            "true), set_config('statement_timeout', %s, true) "
            "FROM (SELECT %s > sqrt(%s * greatest(reltuples, 1)) AS walk FROM pg_class "
            "WHERE oid = %s::regclass) AS choice",
            [str(TIMEOUT_MS), estimated_matches, WALK_COST * limit, table],
        )
        walk = cursor.fetchone()[0]
        share = WINDOW_MATCHES * limit / max(estimated_matches, 1)
        windows = [] if walk else window_starts(cursor, share)
        try:
            found: list[int] = []
            until = None  # each window ends where the newer one began
            for since in windows:
                window = newest.filter(published_at__gte=since)
                if until is not None:
                    window = window.filter(published_at__lt=until)
                found += window[: limit - len(found)]
                if len(found) == limit:
                    return found
                until = since
            older = newest if until is None else newest.filter(published_at__lt=until)
            return found + list(older[: limit - len(found)])
        except OperationalError as error:
            if isinstance(error.__cause__, QueryCanceled):
                raise SearchTooSlow(f"Search cancelled after {TIMEOUT_MS} ms.") from error
            raise


def window_starts(cursor, share: float) -> list:
    """Publication times after which about `share`, then 4 × `share`, 16 × `share`... of the
    stories were published, while that is at most MAX_WINDOW_SHARE (from the planner's
    histogram of publication times, kept by ANALYZE); newest first, none without statistics."""
    if share > MAX_WINDOW_SHARE:
        return []
    cursor.execute(
        "SELECT histogram_bounds::text::timestamptz[] FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = %s AND attname = 'published_at'",
        [Article._meta.db_table],
    )
    row = cursor.fetchone()
    bounds = (row[0] if row else None) or []
    # The bounds split the stories into len - 1 buckets of equal size, oldest first.
    starts = []
    while len(bounds) > 2 and share <= MAX_WINDOW_SHARE:
        start = bounds[max(0, len(bounds) - 2 - int(share * (len(bounds) - 1)))]
        if not starts or start < starts[-1]:
            starts.append(start)
        share *= WINDOW_GROWTH
    return starts


def estimated_rows(plan: dict) -> float:
    """The planner's row estimate for the match query, corrected for correlated phrase pairs.

    PostgreSQL multiplies the selectivities of `search_vector @@ query` (a phrase counted as
    "both words") and `search_pairs @@ pairs` as if independent, but a story with the pair
    has both words: for a pair in a third of the archive it estimated 3,400 rows of 33,000 and
    collected them all (0.4-0.6 s at 100,000) where walking takes 21 ms. When the plan reads
    the pairs index, each index's own estimate bounds the matches from above (a match needs
    both), so the smaller of the two is used if it is larger than the product. Never more:
    walking for matches that are in fact rare reads the whole archive.
    """
    by_index: dict[str, float] = {}
    for node in _plan_nodes(plan):
        if name := node.get("Index Name"):
            by_index[name] = max(by_index.get(name, 0), node["Plan Rows"])
    if PAIRS_INDEX not in by_index:
        return plan["Plan Rows"]
    bound = min(by_index[PAIRS_INDEX], by_index.get(VECTOR_INDEX, by_index[PAIRS_INDEX]))
    return max(plan["Plan Rows"], bound)


def _plan_nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _plan_nodes(child)


def best_first(results: ArticleQuerySet, query: str) -> ArticleQuerySet:
    """By `ts_rank` times the recency boost; ties newest first."""
    age_days = Func(
        Now() - F("published_at"),
        template="EXTRACT(EPOCH FROM %(expressions)s) / 86400.0",
        output_field=FloatField(),
    )
    boost = Value(1.0) + Value(1.0) / (Value(1.0) + age_days / Value(float(RECENCY_DAYS)))
    return results.annotate(score=SearchRank(F("search_vector"), _tsquery(query)) * boost).order_by(
        F("score").desc(nulls_last=True), "-published_at", "-id"
    )


# Snippets ----------------------------------------------------------------------------------


def highlights(ids: list[int], query: str) -> dict[int, tuple[str, str]]:
    """`ts_headline` of the whole headline and of up to two fragments of standfirst and body."""
    tsquery = _tsquery(query)
    snippet_source = Func(
        _without_sentinels(Coalesce(F("standfirst"), Value(""))),
        Value(" "),
        Func(
            _without_sentinels(F("body")),
            Value(HTML_TAG.pattern),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        ),
        function="concat",
        output_field=TextField(),
    )
    options = {"config": text_search_config(), "start_sel": _START_SEL, "stop_sel": _STOP_SEL}
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
            out.append(MARK_START)
        elif piece == _STOP_SEL:
            out.append(MARK_STOP)
        else:
            out.append(escape(html.unescape(piece) if stored_html else piece))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


# "Did you mean ...?" -------------------------------------------------------------------------


def suggest(query: str, public: ArticleQuerySet) -> str | None:
    """A corrected query built from the words of live headlines and tags, or None.

    Each word of the query is replaced by the closest listed word (search/words.py, pg_trgm
    similarity at least `SIMILARITY`); a suggestion is offered only if it differs from the
    query and finds one of the `public` articles.
    """
    words = [w for w in WORD.findall(query) if not w.isdigit()][:SUGGESTION_TERMS]
    if not words:
        return None
    corrected = [
        (closest_word(word.lower(), SIMILARITY) if len(word) >= 3 else None) or word.lower()
        for word in words
    ]
    suggestion = " ".join(corrected)
    if suggestion == " ".join(w.lower() for w in words):
        return None
    if not public.filter(search_vector=_tsquery(suggestion)).exists():
        return None
    return suggestion
