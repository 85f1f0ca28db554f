"""Bylines read in the stories' own query (`with_byline_rows()`, `core/json_rows.py`).

Teaser lists (home, latest, section, tag, author, search) show each story's authors. They
come as JSON rows of a subquery in the list's own query, on PostgreSQL and SQLite alike, and
must read like the query they replaced: every author, in the editor's order, linked, and no
query of their own.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Byline
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cold(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture
def story(section):
    """Three authors whose byline order is not their ids' order, nor their names'."""
    first, second, third = (
        AuthorFactory(name=name, slug=slug)
        for name, slug in [("Zia Moreau", "zia"), ("Ada Kort", "ada"), ("Bo Lind", "bo")]
    )
    article = ArticleFactory(
        section=section,
        authors=[third, first, second],
        tags=["rail"],
        body="<p>The ferryman waited at the quay.</p>",
    )
    Byline.objects.filter(article=article, author=first).update(position=0)
    Byline.objects.filter(article=article, author=third).update(position=5)
    return article  # order: Zia (0), Ada (2), Bo (5)


def test_rows_give_the_authors_in_the_editors_order(story):
    article = Article.objects.for_listing().get(pk=story.pk)
    authors = article.byline_authors
    assert [author.name for author in authors] == ["Zia Moreau", "Ada Kort", "Bo Lind"]
    assert authors[0].get_absolute_url() == "/authors/zia/"
    assert "bio" in authors[0].get_deferred_fields()  # only what a byline shows was read


def test_a_story_without_bylines_has_none(section):
    article = ArticleFactory(section=section, authors=[])
    assert Article.objects.for_listing().get(pk=article.pk).byline_authors == []


LISTS = [
    "/",
    "/latest/",
    "/sections/technology/",
    "/tags/rail/",
    "/authors/ada/",
    "/search/?q=ferryman",
]


@pytest.mark.parametrize("url", LISTS)
def test_teaser_lists_show_the_bylines_without_a_query_for_them(client, story, cold, url):
    SectionFactory(name="Science", slug="science")  # the home page's rails need a section
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    teaser = html[html.index(story.headline) :]
    assert teaser.index("Zia Moreau") < teaser.index("Ada Kort") < teaser.index("Bo Lind")
    assert 'href="/authors/bo/"' in teaser
    byline_queries = [
        q["sql"]
        for q in captured
        if q["sql"].startswith('SELECT "articles_byline"')  # a prefetch
        or (  # attach_bylines()
            q["sql"].startswith('SELECT "authors_author"')
            and 'INNER JOIN "articles_byline"' in q["sql"]
        )
    ]
    assert byline_queries == []
    counts = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)")]
    assert not [sql for sql in counts if "articles_byline" in sql]  # a count reads ids only
