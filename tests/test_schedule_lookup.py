"""The next scheduled change costs an index lookup, and is asked once, not on every request."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core.cache import lifetimes
from tests.factories import ArticleFactory
from tests.query_plans import rows_read

pytestmark = pytest.mark.django_db
# The query of next_visibility_change: no other query names its columns so.
EXPIRY_LOOKUP = '"next_unpublish_at"'


def grow_archive_to(size: int, template: Article) -> None:
    """Published, expiring, expired, trashed and scheduled articles, `size` in all."""
    now = timezone.now()
    shapes = [
        {"published_at": now - timedelta(days=3)},
        {"published_at": now - timedelta(days=3), "unpublish_at": now + timedelta(days=30)},
        {"published_at": now - timedelta(days=3), "unpublish_at": now - timedelta(days=1)},
        {"published_at": now + timedelta(days=40), "trashed_at": now},
        {"published_at": now + timedelta(days=50)},
        {"published_at": None, "status": Article.Status.DRAFT},
    ]
    existing = Article.objects.count()
    Article.objects.bulk_create(
        Article(
            headline=f"Archive story {number}",
            slug=f"archive-story-{number}",
            body=template.body,
            section=template.section,
            **{"status": Article.Status.PUBLISHED, **shapes[number % len(shapes)]},
        )
        for number in range(existing, size)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as a live database keeps them


def lookups(now) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        Article.objects.next_visibility_change(now)
    return [query["sql"] for query in captured]


def test_the_next_change_is_found_without_reading_the_archive():
    template = ArticleFactory()
    soonest = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    expiring = ArticleFactory(unpublish_at=timezone.now() + timedelta(hours=1))
    readings = {}
    for size in (300, 3000):
        grow_archive_to(size, template)
        now = timezone.now()
        assert Article.objects.next_visibility_change(now) == expiring.unpublish_at
        sqls = lookups(now)
        assert len(sqls) == 1
        if connection.vendor == "postgresql":
            readings[size] = rows_read(sqls[0])
        else:
            with connection.cursor() as cursor:
                plan = " ".join(str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sqls[0]}"))
            # Each time is a range search of an index, in index order (no sort).
            readings[size] = (plan.count("SEARCH U0 USING"), "B-TREE" in plan)
    assert soonest.published_at > expiring.unpublish_at
    if connection.vendor == "postgresql":
        for size, rows in readings.items():
            # One row read by each lookup (and one by the outer query that carries them), at
            # either size; for the publication time the planner may pick either index of
            # publication times (both make it a one-row range search).
            assert rows.pop("article_expiry_idx") == 1, size
            publication = set(rows) & {"article_live_timeline_idx", "article_public_idx"}
            assert len(publication) == 1 and rows.pop(publication.pop()) == 1, size
            assert sum(rows.values()) <= 1, (size, rows)
    else:
        assert readings[300] == readings[3000] == (2, False)


def test_trashed_drafts_and_past_times_are_no_next_change():
    now = timezone.now()
    ArticleFactory(published_at=now + timedelta(hours=1), trashed_at=now)
    ArticleFactory(draft=True, unpublish_at=now + timedelta(hours=1))
    ArticleFactory(published_at=now - timedelta(hours=1), unpublish_at=now - timedelta(hours=1))
    assert Article.objects.next_visibility_change(now) is None
    upcoming = ArticleFactory(published_at=now + timedelta(hours=3))
    assert Article.objects.next_visibility_change(now) == upcoming.published_at


@pytest.mark.parametrize("page_cache", [True, False])
@pytest.mark.parametrize("fragment_cache", [True, False])
def test_the_next_change_is_kept_between_requests_with_any_cache_switch(
    client, settings, article, page_cache, fragment_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache
    settings.FRAGMENT_CACHE_ENABLED = fragment_cache
    lifetimes._next_change_copy = None
    asked = []
    for url in ["/robots.txt", "/", article.get_absolute_url(), "/robots.txt"]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        asked.append(sum(EXPIRY_LOOKUP in query["sql"] for query in captured))
    assert asked == [1, 0, 0, 0]


def test_an_edit_asks_again(client, article):
    lifetimes._next_change_copy = None
    client.get("/robots.txt")
    ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert sum(EXPIRY_LOOKUP in query["sql"] for query in captured) == 1
    assert (
        "s-maxage=3599" in response["Cache-Control"] or "s-maxage=3600" in response["Cache-Control"]
    )
