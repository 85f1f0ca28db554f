"""A tag's and an author's stories are read from their timelines (articles/migrations/0013):
the link rows carry the article's publication time, kept by the database on every path."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle
from tests.factories import ArticleFactory, AuthorFactory
from tests.query_plans import rows_read

pytestmark = pytest.mark.django_db


def link_times(article: Article) -> set:
    return {
        *TaggedArticle.objects.filter(content_object=article).values_list(
            "published_at", flat=True
        ),
        *Byline.objects.filter(article=article).values_list("published_at", flat=True),
    }


def test_links_take_their_articles_time_however_they_are_written():
    story = ArticleFactory(tags=["budget"])
    draft = ArticleFactory(draft=True, tags=["budget"])
    assert link_times(story) == {story.published_at}
    assert link_times(draft) == {None}
    # taggit's bulk insert, a bulk insert of bylines, and a row saved with a wrong time
    story.tags.add("schools")
    Byline.objects.bulk_create([Byline(article=story, author=AuthorFactory(), position=1)])
    link = TaggedArticle.objects.get(content_object=story, tag__name="budget")
    link.published_at = timezone.now() - timedelta(days=900)
    link.save()
    assert link_times(story) == {story.published_at}


def test_a_new_publication_time_reaches_the_links():
    story = ArticleFactory(tags=["budget", "schools"], authors=[AuthorFactory(), AuthorFactory()])
    story.published_at = timezone.now() - timedelta(days=30)
    story.save()
    assert link_times(story) == {story.published_at}
    later = timezone.now() + timedelta(days=2)
    Article.objects.filter(pk=story.pk).update(published_at=later)
    assert link_times(story) == {later}
    Article.objects.filter(pk=story.pk).update(published_at=None, status=Article.Status.DRAFT)
    assert link_times(story) == {None}


def test_a_stale_copy_of_a_link_cannot_write_the_old_time_back():
    story = ArticleFactory(tags=["budget"])
    stale = TaggedArticle.objects.get(content_object=story)
    story.published_at = timezone.now() - timedelta(days=3)
    story.save()
    stale.save()
    assert link_times(story) == {story.published_at}


def test_tag_author_pages_and_feeds_list_public_stories_newest_first(client):
    author = AuthorFactory()
    now = timezone.now()
    stories = [
        ArticleFactory(tags=["budget"], authors=[author], published_at=now - timedelta(hours=h))
        for h in (5, 1, 9, 3)
    ]
    ArticleFactory(scheduled=True, tags=["budget"], authors=[author])
    ArticleFactory(draft=True, tags=["budget"], authors=[author])
    ArticleFactory(tags=["budget"], authors=[author], trashed_at=now)
    moved = stories[2]  # its editor moves it to the top
    moved.published_at = now - timedelta(minutes=10)
    moved.save()
    expected = [moved.pk, stories[1].pk, stories[3].pk, stories[0].pk]
    for url in ["/tags/budget/", author.get_absolute_url()]:
        response = client.get(url)
        assert [story.pk for story in response.context["articles"]] == expected, url
    for url in ["/tags/budget/feed/", f"/authors/{author.slug}/feed/"]:
        feed = client.get(url).content.decode()
        places = [
            feed.find(f"{Article.objects.get(pk=pk).get_absolute_url()}</link>") for pk in expected
        ]
        assert -1 not in places and places == sorted(places), url
        assert feed.count("<item>") == len(expected), url


def test_a_page_of_a_rare_tag_reads_a_page_of_its_timeline():
    """At two archive sizes, the tag page's list reads the same few rows: the tag's timeline
    from now back, and the page's stories (PostgreSQL: rows read by each index; SQLite: the
    timeline index is searched in its order, with no sort)."""
    section = ArticleFactory().section
    tag = Tag.objects.create(name="Harbour", slug="harbour")
    now = timezone.now()
    readings = {}
    for size in (2000, 10000):
        start = Article.objects.count()
        created = Article.objects.bulk_create(
            Article(
                headline=f"Archive story {number}",
                slug=f"archive-story-{number}",
                body="<p>Text.</p>",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=number),
            )
            for number in range(start, size)
        )
        # One story in 40 carries the tag, the newest of them first in the archive's order.
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=story, tag=tag) for story in created[::40]
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        page = Article.objects.published().newest_tagged(tag).for_listing()[:5]
        with CaptureQueriesContext(connection) as captured:
            shown = list(page)
        assert [story.published_at for story in shown] == sorted(
            (story.published_at for story in shown), reverse=True
        )
        list_sql = next(q["sql"] for q in captured.captured_queries if "LIMIT 5" in q["sql"])
        if connection.vendor == "postgresql":
            readings[size] = rows_read(list_sql)
        else:
            with connection.cursor() as cursor:
                plan = " ".join(map(str, cursor.execute(f"EXPLAIN QUERY PLAN {list_sql}")))
            readings[size] = ("tagged_article_timeline_idx" in plan, "TEMP B-TREE" in plan)
    if connection.vendor == "postgresql":
        for size, rows in readings.items():
            assert rows.get("tagged_article_timeline_idx", 0) <= 6, (size, rows)
            assert sum(rows.values()) <= 20, (size, rows)
    else:
        assert readings[2000] == readings[10000] == (True, False)
