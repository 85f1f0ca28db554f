"""Upkeep of the suggestion words (`SuggestionWord`) and the lookup of the closest one.

PostgreSQL only: the words are split out of headlines and tag names by SQL, and compared
through pg_trgm's trigram index (search/migrations/0001_initial).
"""

from collections.abc import Iterable

from django.db import connection, transaction

from search.models import SuggestionWord

TABLE = SuggestionWord._meta.db_table
# The words of live stories' headlines and tag names, as search.query.WORD reads a query
# (`\w+`), lower-cased, of three letters or more and not all digits (the query's digits are
# never corrected). `{only}` narrows the stories.
_WORDS_OF = r"""
    SELECT w FROM articles_article a, regexp_split_to_table(lower(a.headline), '\W+') AS w
    WHERE a.status = 'published' AND a.trashed_at IS NULL {only}
      AND length(w) BETWEEN 3 AND 100 AND w !~ '^[0-9_]+$'
    UNION
    SELECT w FROM articles_article a
    JOIN articles_taggedarticle ta ON ta.content_object_id = a.id
    JOIN taggit_tag t ON t.id = ta.tag_id, regexp_split_to_table(lower(t.name), '\W+') AS w
    WHERE a.status = 'published' AND a.trashed_at IS NULL {only}
      AND length(w) BETWEEN 3 AND 100 AND w !~ '^[0-9_]+$'
"""


def remember_words(article_ids: Iterable[int]) -> None:
    """Add the headline and tag words of the live stories among `article_ids`."""
    ids = list(article_ids)
    if not ids or connection.vendor != "postgresql":
        return
    select = _WORDS_OF.format(only="AND a.id = ANY(%s)")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (word) {select} ON CONFLICT DO NOTHING", [ids, ids])


def rebuild_words() -> int:
    """The word list of every live story, from scratch (drops words no story uses any more).
    Returns the number of words."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 (constants only)
        cursor.execute(f"INSERT INTO {TABLE} (word) {_WORDS_OF.format(only='')}")
        return cursor.rowcount


def closest_word(word: str, threshold: float) -> str | None:
    """The listed word most similar to `word` (pg_trgm similarity at least `threshold`)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL pg_trgm.similarity_threshold = {float(threshold)}")
        cursor.execute(
            f"SELECT word FROM {TABLE} WHERE word %% %s "  # noqa: S608 (constants only)
            "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
            [word, word],
        )
        row = cursor.fetchone()
    return row[0] if row else None
