"""Collecting many matches reads the newest first, through a date window (PostgreSQL; see
`search.backends.postgres.newest_match_ids`): the ids found are the same as without it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from search.backends import postgres
from search.index import update_search_vector
from tests.factories import SectionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="date windows: PostgreSQL full text only"
    ),
]
LIMIT = 20
WINDOW = '"published_at" >= '


def archive(words_by_age: dict[str, range]) -> None:
    """2,000 public stories, one a day back from today; the story `age` days old has each
    word whose range holds `age`. Then ANALYZE, as a live database keeps its statistics."""
    section = SectionFactory()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            headline=f"Story {age}",
            slug=f"story-{age}",
            body="<p>"
            + " ".join(["council", *(w for w, ages in words_by_age.items() if age in ages)])
            + "</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=age, minutes=1),
        )
        for age in range(2000)
    )
    update_search_vector(Article.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")


def newest(query: str, windows: bool) -> tuple[list[int], list[str]]:
    matches = postgres.matching(Article.objects.published(), query)
    ordered = matches.order_by("-published_at", "-id").values_list("pk", flat=True)
    share = postgres.MAX_WINDOW_SHARE
    postgres.MAX_WINDOW_SHARE = share if windows else -1
    try:
        with CaptureQueriesContext(connection) as captured:
            ids = postgres.newest_match_ids(ordered, LIMIT)
    finally:
        postgres.MAX_WINDOW_SHARE = share
    return ids, [q["sql"] for q in captured if "ORDER BY" in q["sql"] and "EXPLAIN" not in q["sql"]]


def test_a_window_finds_the_same_newest_matches():
    # "harbour" in one story in 7 (286: collected, not walked), "crane" in the oldest 300
    # only (the window from the newest holds none of them), "ferry" in the newest 25 (the
    # window holds more than enough).
    archive({"harbour": range(0, 2000, 7), "crane": range(1700, 2000), "ferry": range(25)})
    for query in ["harbour", "crane", "ferry", "harbour council", '"harbour crane"']:
        plain, plain_sql = newest(query, windows=False)
        windowed, _ = newest(query, windows=True)
        assert windowed == plain, query
        assert not any(WINDOW in sql for sql in plain_sql), query
    assert len(newest("harbour", windows=False)[0]) == LIMIT
    # A word spread over the archive is answered from the window alone: one query.
    harbour_sql = newest("harbour", windows=True)[1]
    assert len(harbour_sql) == 1 and WINDOW in harbour_sql[0]
    # Old matches only: each window falls short, and the older stories are read next.
    crane_ids, crane_sql = newest("crane", windows=True)
    assert len(crane_sql) >= 2 and WINDOW in crane_sql[0] and len(crane_ids) == LIMIT
    assert crane_ids == sorted(
        crane_ids, key=lambda pk: -Article.objects.get(pk=pk).published_at.timestamp()
    )


def test_windows_grow_back_in_time_and_none_for_a_large_share_or_a_dense_word():
    archive({"harbour": range(0, 2000, 7)})
    with connection.cursor() as cursor:
        assert postgres.window_starts(cursor, 0.9) == []  # past MAX_WINDOW_SHARE
        starts = postgres.window_starts(cursor, 0.02)
    # About the newest 2%, 8% and 32% of 2,000 daily stories: 40, 160 and 640 days back.
    assert len(starts) == 3 and starts == sorted(starts, reverse=True)
    for start, days in zip(starts, [40, 160, 640], strict=True):
        assert abs((timezone.now() - start).days - days) <= 25, (start, days)
    # A word in every story is walked from the newest, never windowed.
    ids, sql = newest("council", windows=True)
    assert len(ids) == LIMIT and not any(WINDOW in q for q in sql)
