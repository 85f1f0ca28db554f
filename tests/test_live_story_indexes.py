"""The lists' capped counts and a section's newest stories read index entries, not articles.

At a million articles, a section's count scanned the table (5-8 ms), a tag's and an author's
read each counted story's row (17-20 ms), and "More in" read 1,600 rows to find a section's
newest 200. The covering partial indexes of articles/querysets.py answer all of them from the
index alone (PostgreSQL; SQLite cannot carry the extra columns).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle
from articles.pagination import COUNTED_PAGES
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.query_plans import rows_read, table_reads

pytestmark = pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction

ARTICLES = '"articles_article"'


@pytest.fixture
def archive():
    """3,000 stories in a parent section and its child, tagged and bylined, some not public;
    vacuumed and analyzed as a live database is."""
    if connection.vendor != "postgresql":
        pytest.skip("index-only scans and EXPLAIN's JSON plans are PostgreSQL's")
    parent = SectionFactory(name="World", slug="world")
    child = SectionFactory(name="Europe", slug="europe", parent=parent)
    author = AuthorFactory(slug="reporter")
    newest = ArticleFactory(section=child, authors=[author], tags=["harbour"])
    now = timezone.now()
    shapes = [
        {},
        {"unpublish_at": now + timedelta(days=30)},
        {"unpublish_at": now - timedelta(days=1)},
        {"trashed_at": now},
        {"status": Article.Status.DRAFT, "published_at": None},
    ]
    stories = Article.objects.bulk_create(
        Article(
            headline=f"Archive story {number}",
            slug=f"archive-story-{number}",
            body="<p>Text.</p>",
            section=(parent, child)[number % 2],
            **{
                "status": Article.Status.PUBLISHED,
                "published_at": now - timedelta(hours=2, minutes=number),
                **shapes[number % len(shapes)],
            },
        )
        for number in range(3000)
    )
    tag = newest.tags.get()
    TaggedArticle.objects.bulk_create(TaggedArticle(content_object=s, tag=tag) for s in stories)
    # A rarer tag: every draft carries it, and one story in a hundred of the older half.
    rare = Tag.objects.create(name="Ferry", slug="ferry")
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=story, tag=rare)
        for number, story in enumerate(stories)
        if story.status == Article.Status.DRAFT or (number >= 1500 and number % 100 == 0)
    )
    Byline.objects.bulk_create(Byline(article=s, author=author, position=0) for s in stories)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return newest


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def counts_of(client, url: str) -> list[str]:
    """The queries counting the list for its page links: the ids of its first stories."""
    return [
        sql
        for sql in queries_of(client, url)
        if sql.startswith('SELECT "articles_article"."id" AS "pk" FROM ')
    ]


@pytest.mark.parametrize("url", ["/sections/world/", "/tags/harbour/", "/authors/reporter/"])
def test_a_lists_capped_count_reads_no_article(client, settings, archive, url):
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = False
    counts = counts_of(client, url)
    assert len(counts) == 1 and counts[0].endswith(f"LIMIT {20 * COUNTED_PAGES + 1}"), counts
    reads = table_reads(counts[0], "articles_article")
    assert reads and all(read.startswith("Index Only Scan article_live") for read in reads), reads


def test_a_sections_newest_stories_are_walked_in_the_index(client, settings, archive):
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = False
    sqls = queries_of(client, archive.get_absolute_url())
    ranking = next(sql for sql in sqls if "LIMIT 200" in sql)  # "More in": the newest 200
    window = ranking[ranking.index("IN (SELECT") + 4 : ranking.index("LIMIT 200") + 9]
    assert table_reads(window, "articles_article") == ["Index Only Scan article_live_timeline_idx"]


def test_the_counts_from_the_indexes_are_the_public_stories(client, settings, monkeypatch, archive):
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = False
    monkeypatch.setattr("articles.pagination.KeptCountPaginator.counted_pages", 100)
    public = 1 + 3000 * 2 // 5  # the newest story, and two shapes of five (no expiry, later)
    assert Article.objects.published().count() == public
    for url in ["/sections/world/", "/tags/harbour/", "/authors/reporter/"]:
        counts = counts_of(client, url)
        assert len(counts) == 1 and counts[0].endswith("LIMIT 2001"), url
        assert f"Page 1 of {-(-public // 20)}" in client.get(url).content.decode(), url


def test_a_tags_page_finds_its_public_story_without_walking_its_drafts(client, archive):
    """A tag's newest timeline entries are its drafts (no time: first in the index) and its
    scheduled stories. Whether the tag has a page is read from its timeline up to now.

    At this size PostgreSQL would hash-join all live stories instead; at a million it walks
    the tag's timeline in nested loops (375 entries for a tag of the benchmark before), so
    the plan is taken with hash and merge joins off, as it is there."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/tags/ferry/").status_code == 200
    check = next(q["sql"] for q in captured.captured_queries if "EXISTS" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET enable_hashjoin = off; SET enable_mergejoin = off")
    try:
        read = rows_read(check)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_hashjoin; RESET enable_mergejoin")
    assert sum(read.values()) <= 10, read  # 600 drafts come first in the tag's timeline
