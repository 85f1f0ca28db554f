"""After an edit of a public story, the task queue makes its page's pieces again.

The first reader after the edit then renders the page from warm pieces (the article's data and
"More in") instead of querying and ranking them: what a page-cache miss costs when only a
shared widget changed.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.signals import warming_paused
from articles.tasks import warm_article_page
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def warming(settings):
    settings.WARM_EDITED_PAGES = True
    settings.PAGE_CACHE_ENABLED = False  # every view renders: what a miss costs shows
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def story():
    section = SectionFactory(name="Technology", slug="technology")
    for number in range(5):
        ArticleFactory(section=section, headline=f"Neighbour {number}", tags=["chips"])
    return ArticleFactory(section=section, headline="The first headline", tags=["chips"])


PARTS = {
    "includes/article_header.html",
    "includes/article_body.html",
    "includes/article_footer.html",
}


def article_queries(client, article: Article) -> tuple[list[str], str, set[str]]:
    """The queries of a reader's view that read articles, the page, and which of the article's
    parts it rendered."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    sqls = [query["sql"] for query in captured.captured_queries]
    rendered = {template.name for template in response.templates} & PARTS
    return (
        [sql for sql in sqls if 'FROM "articles_article"' in sql],
        response.content.decode(),
        rendered,
    )


def edit(article: Article, headline: str, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.headline = headline
        article.save()
    return callbacks


def without_nonces(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', "", html)


def test_the_first_reader_after_an_edit_finds_the_pieces_warm(
    client, warming, settings, story, django_capture_on_commit_callbacks
):
    client.get(story.get_absolute_url())  # the site-wide widgets, as on a running site
    edit(story, "The second headline", django_capture_on_commit_callbacks)
    queries, html, rendered = article_queries(client, story)
    assert "The second headline" in html and "The first headline" not in html
    assert queries == [], "neither the article nor More in was queried again"
    assert rendered == set(), "the header, body and footer were made by the task"
    assert "Neighbour 4" in html  # More in, made by the task
    settings.FRAGMENT_CACHE_ENABLED = False
    fresh = client.get(story.get_absolute_url()).content.decode()
    assert without_nonces(html) == without_nonces(fresh), "the same page as a fresh render"


def test_without_warming_the_first_reader_pays_for_them(
    client, warming, settings, story, django_capture_on_commit_callbacks
):
    settings.WARM_EDITED_PAGES = False
    client.get(story.get_absolute_url())
    edit(story, "The second headline", django_capture_on_commit_callbacks)
    queries, html, rendered = article_queries(client, story)
    assert "The second headline" in html
    assert len(queries) >= 2  # the article, then More in's ranking
    assert rendered == PARTS


def test_only_public_stories_are_warmed(warming, django_capture_on_commit_callbacks):
    draft = ArticleFactory(draft=True)
    callbacks = edit(draft, "Still a draft", django_capture_on_commit_callbacks)
    assert len(callbacks) == 1, "the invalidation only; no warming for a draft"
    story = ArticleFactory()
    story.status = Article.Status.DRAFT  # an unpublish
    callbacks = edit(story, "Pulled", django_capture_on_commit_callbacks)
    assert len(callbacks) == 1
    assert warm_article_page.call(story.pk) is False  # and a task queued earlier makes nothing


def test_an_unpublished_story_is_never_served_from_warmed_pieces(
    client, warming, story, django_capture_on_commit_callbacks
):
    edit(story, "The second headline", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.DRAFT
        story.save()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_switched_off_with_the_fragment_cache(settings, story, django_capture_on_commit_callbacks):
    settings.WARM_EDITED_PAGES = True
    settings.FRAGMENT_CACHE_ENABLED = False  # nothing would keep what the task makes
    callbacks = edit(story, "The second headline", django_capture_on_commit_callbacks)
    assert len(callbacks) == 1


def test_a_re_import_queues_no_warming(warming, story, django_capture_on_commit_callbacks):
    with warming_paused():
        callbacks = edit(story, "Updated by the import", django_capture_on_commit_callbacks)
    assert len(callbacks) == 1, "the invalidation only"
    callbacks = edit(story, "Edited by an editor", django_capture_on_commit_callbacks)
    assert len(callbacks) == 2, "the invalidation, then the warming"
