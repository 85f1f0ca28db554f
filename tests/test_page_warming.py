"""After an edit of a public story, the task queue renders its page again.

The save claims the page's render for the queue: readers who come before the worker are served
the page from before the edit (within the page cache's grace), and the worker stores the new
page with its pieces (the article's data and "More in"). With the page cache off, the first
reader after the edit renders the page from those warm pieces instead of querying and ranking
them: what a page-cache miss costs when only a shared widget changed.
"""

import re
import time
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.signals import warming_paused
from articles.tasks import warm_article_page
from articles.templatetags import articles_tags
from core.cache.grace import render_lock
from core.cache.store import shared_cache
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


PARTS = {"header", "body", "footer"}


def article_queries(client, article: Article) -> tuple[list[str], str, set[str]]:
    """The queries of a reader's view that read articles, the page, and which of the article's
    parts it rendered."""
    rendered = set()

    def recorded(part, make):
        return lambda *args: rendered.add(part) or make(*args)

    made = {part: recorded(part, make) for part, make in articles_tags.PARTS.items()}
    with (
        mock.patch.dict(articles_tags.PARTS, made),
        CaptureQueriesContext(connection) as captured,
    ):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    sqls = [query["sql"] for query in captured.captured_queries]
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


@pytest.fixture
def late_worker(settings):
    """The page cache on, and a queue whose worker has not come yet: tests run its tasks."""
    settings.WARM_EDITED_PAGES = True
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_GRACE_SECONDS = 10
    settings.SITE_URL = "http://testserver"  # the host the test client asks for
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_readers_before_the_worker_get_the_page_from_before_the_edit(
    client, late_worker, story, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    assert "The first headline" in client.get(url).content.decode()  # stored
    edit(story, "The second headline", django_capture_on_commit_callbacks)
    for _ in range(3):
        with django_assert_num_queries(0):
            response = client.get(url)
        assert "The first headline" in response.content.decode(), "the copy from before"
    assert warm_article_page.call(story.pk) is True  # the worker comes
    assert shared_cache().get(render_lock_of(url)) is None, "the claim is freed"
    with django_assert_num_queries(0):
        html = client.get(url).content.decode()
    assert "The second headline" in html and "The first headline" not in html, "stored"


def test_with_the_worker_down_the_claim_lapses_after_the_grace(
    client, late_worker, story, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    client.get(url)
    with time_machine.travel(time.time(), tick=False) as clock:
        edit(story, "The second headline", django_capture_on_commit_callbacks)
        assert shared_cache().get(render_lock_of(url)) is not None, "claimed for the queue"
        assert "The first headline" in client.get(url).content.decode()
        clock.shift(11)  # past PAGE_CACHE_GRACE_SECONDS, no worker
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
    assert "The second headline" in html, "the reader renders it"
    assert len(captured) > 0


def test_an_unpublish_before_the_worker_is_never_served_from_before(
    client, late_worker, story, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    client.get(url)
    edit(story, "The second headline", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.DRAFT
        story.save()
    assert client.get(url).status_code == 404
    assert warm_article_page.call(story.pk) is False
    assert client.get(url).status_code == 404


def test_a_page_never_stored_is_rendered_by_its_first_reader(
    client, late_worker, story, django_capture_on_commit_callbacks
):
    edit(story, "The second headline", django_capture_on_commit_callbacks)
    assert "The second headline" in client.get(story.get_absolute_url()).content.decode()


def test_the_worker_stores_what_a_reader_would_be_served(
    client, late_worker, settings, story, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    client.get(url)
    edit(story, "The second headline", django_capture_on_commit_callbacks)
    warm_article_page.call(story.pk)
    stored = client.get(url)
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    fresh = client.get(url)
    assert without_nonces(stored.content.decode()) == without_nonces(fresh.content.decode())
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options"):
        assert stored.get(header) == fresh.get(header), header


def test_a_site_url_outside_allowed_hosts_claims_nothing(
    client, late_worker, settings, story, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://elsewhere.example"  # not in ALLOWED_HOSTS
    url = story.get_absolute_url()
    client.get(url)
    edit(story, "The second headline", django_capture_on_commit_callbacks)  # saves, no error
    assert "The second headline" in client.get(url).content.decode(), "rendered by the reader"
    assert warm_article_page.call(story.pk) is True  # answered 400 to the worker: stores nothing


def render_lock_of(url: str) -> str:
    from django.test import RequestFactory

    from core.cache.pages import _page_key

    return render_lock(_page_key(RequestFactory().get(url)))
