"""No stampede: a page that just went stale is rendered once, and never served past a removal."""

import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine
from django.test.signals import template_rendered
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

ARTICLE_TEMPLATE = "articles/article_detail.html"
READERS = 64


class RenderCounter:
    """Counts renders of the article template, in any thread; can hold the first one."""

    def __init__(self, hold_first: threading.Event | None = None) -> None:
        self.count = 0
        self.lock = threading.Lock()
        self.hold_first = hold_first
        self.first_started = threading.Event()

    def __call__(self, sender, template, **kwargs) -> None:
        if template.name != ARTICLE_TEMPLATE:
            return
        with self.lock:
            self.count += 1
            first = self.count == 1
        if first and self.hold_first is not None:
            self.first_started.set()
            self.hold_first.wait(10)

    def __enter__(self) -> "RenderCounter":
        template_rendered.connect(self, weak=False)
        return self

    def __exit__(self, *exc) -> None:
        template_rendered.disconnect(self)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (test server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def all_at_once(url: str, readers: int = READERS) -> list[tuple[int, str]]:
    start = threading.Barrier(readers)

    def read(_: int) -> tuple[int, str]:
        start.wait()
        return fetch(url)

    with ThreadPoolExecutor(readers) as pool:
        return list(pool.map(read, range(readers)))


@pytest.fixture
def crowd_reaches_the_database(transactional_db):
    """For crowds whose every reader queries the database. Django's live server shares one
    in-memory SQLite connection between its threads, which sqlite3 cannot use concurrently
    (seen: "bad parameter or other API misuse", and one query's rows read by another, a 500
    no deployed site can meet: there each thread has its own connection). These run on
    PostgreSQL, where each thread has its own too; CI runs the suite on both."""
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("a crowd on the live server's one shared SQLite connection: PostgreSQL")


@pytest.fixture
def story(transactional_db):
    return ArticleFactory(headline="The popular story")


def test_a_publish_makes_the_popular_page_render_once_for_64_readers(live_server, story):
    url = live_server.url + story.get_absolute_url()
    assert fetch(url)[0] == 200  # stored
    ArticleFactory(headline="A newer story for the sidebar", section=story.section)
    with RenderCounter() as renders:
        answers = all_at_once(url)
    assert renders.count == 1
    assert {status for status, _ in answers} == {200}
    assert all("The popular story" in html for _, html in answers)
    # Once rendered, the new page is what everyone gets.
    assert "A newer story for the sidebar" in fetch(url)[1]


def test_without_grace_every_concurrent_reader_may_render(live_server, story, settings):
    """The stampede that the grace prevents (so the test above can fail)."""
    settings.PAGE_CACHE_GRACE_SECONDS = 0
    url = live_server.url + story.get_absolute_url()
    fetch(url)
    ArticleFactory(headline="A newer story", section=story.section)
    hold = threading.Event()
    with RenderCounter(hold_first=hold) as renders, ThreadPoolExecutor(2) as pool:
        first = pool.submit(fetch, url)
        assert renders.first_started.wait(10)
        second = pool.submit(fetch, url)
        assert second.result()[0] == 200  # rendered itself while the first was held
        hold.set()
        assert first.result()[0] == 200
    assert renders.count == 2


def test_an_unpublished_story_is_never_served_again_even_to_a_crowd(
    live_server, story, crowd_reaches_the_database
):
    url = live_server.url + story.get_absolute_url()
    assert fetch(url)[0] == 200
    assert "The popular story" in fetch(live_server.url + "/")[1]
    story.status = Article.Status.UNPUBLISHED
    story.save()
    answers = all_at_once(url, 32) + all_at_once(live_server.url + "/", 32)
    assert [status for status, _ in answers[:32]] == [404] * 32
    assert not any("The popular story" in html for _, html in answers)


def test_the_previous_copy_is_served_while_another_worker_renders_but_not_for_long(
    live_server, story, settings
):
    settings.PAGE_CACHE_GRACE_SECONDS = 5
    url = live_server.url + story.get_absolute_url()
    fetch(url)
    story.headline = "The popular story, updated"
    story.save()
    hold = threading.Event()
    with RenderCounter(hold_first=hold) as renders, ThreadPoolExecutor(1) as pool:
        stuck = pool.submit(fetch, url)  # this worker renders, and takes its time
        assert renders.first_started.wait(10)
        status, html = fetch(url)
        assert status == 200 and "updated" not in html  # the previous copy, at once
        with time_machine.travel(timezone.now() + timedelta(seconds=6)):
            status, html = fetch(url)  # past the grace: renders for itself
        assert status == 200 and "The popular story, updated" in html
        hold.set()
        assert "updated" in stuck.result()[1]
    assert renders.count == 2


def test_an_expired_copy_is_never_served_in_the_grace(live_server, crowd_reaches_the_database):
    story = ArticleFactory(
        headline="A limited story", unpublish_at=timezone.now() + timedelta(minutes=1)
    )
    url = live_server.url + story.get_absolute_url()
    assert fetch(url)[0] == 200
    ArticleFactory(headline="Something new", section=story.section)  # keeps public: grace
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        answers = all_at_once(url, 16)
    assert {status for status, _ in answers} == {404}
    assert not any("A limited story" in html for _, html in answers)
