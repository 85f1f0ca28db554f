"""A list page far back picks its stories' ids first, then reads only those stories' rows.

Skipping a few thousand stories with whole rows read every skipped row; the ids alone come
from the index. The page must show the same stories in the same order either way.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.views import PAGE_SIZE
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

LISTS = ["/sections/deep/", "/tags/deep/", "/authors/deep-author/"]


@pytest.fixture
def deep_from_page_three(monkeypatch, settings):
    monkeypatch.setattr("articles.views.DEFERRED_FROM", PAGE_SIZE * 2)
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture
def four_pages():
    section = SectionFactory(name="Deep", slug="deep")
    author = AuthorFactory(slug="deep-author")
    start = timezone.now() - timedelta(days=30)
    for number in range(PAGE_SIZE * 3 + 5):
        ArticleFactory(
            section=section,
            authors=[author],
            tags=["deep"],
            published_at=start + timedelta(hours=number // 2),  # ties on the time
        )
    newest_first = Article.objects.published().order_by("-published_at", "-id")
    return list(newest_first.values_list("headline", flat=True))


def page(client, url: str) -> tuple[list[str], list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    headlines = re.findall(r'<h3 class="teaser__headline"><a href="[^"]+">([^<]+)</a>', html)
    return headlines, [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("base", LISTS)
def test_a_deep_page_shows_the_same_stories_in_order(
    client, deep_from_page_three, four_pages, base
):
    for number in (1, 2, 3, 4):
        headlines, sqls = page(client, f"{base}?page={number}")
        bottom = (number - 1) * PAGE_SIZE
        assert headlines == four_pages[bottom : bottom + PAGE_SIZE], number
        picks_ids = [sql for sql in sqls if re.search(r"IN \(SELECT .* OFFSET \d+\)", sql)]
        assert len(picks_ids) == (1 if number >= 3 else 0), (number, sqls)


def test_a_deep_page_of_a_list_that_changed_is_read_again(client, deep_from_page_three, four_pages):
    headlines, _ = page(client, "/sections/deep/?page=3")
    assert headlines == four_pages[PAGE_SIZE * 2 : PAGE_SIZE * 3]
    newest = Article.objects.published().get(headline=four_pages[0])
    newest.status = Article.Status.DRAFT
    newest.save()
    headlines, _ = page(client, "/sections/deep/?page=3")
    assert headlines == four_pages[PAGE_SIZE * 2 + 1 : PAGE_SIZE * 3 + 1]
