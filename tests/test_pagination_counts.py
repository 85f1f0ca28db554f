"""List pages count their stories only a little past the reader's page.

The count for the page links reads the first block of `COUNTED_PAGES` pages' worth of rows
whatever the size of the archive; a page further back counts the blocks (each twice the one
before) up to its own, or up to the end of the list, and keeps each count.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.pagination import KeptCountPaginator
from articles.views import PAGE_SIZE
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.querycount import is_list_count

pytestmark = pytest.mark.django_db

LISTS = ["/sections/busy/", "/tags/busy/", "/authors/busy-author/", "/latest/"]


@pytest.fixture
def two_counted_pages(monkeypatch, settings):
    monkeypatch.setattr("articles.pagination.KeptCountPaginator.counted_pages", 2)
    settings.PAGE_CACHE_ENABLED = False  # the count is kept; the pages are rendered each time


def stories(count: int) -> None:
    section = SectionFactory(name="Busy", slug="busy")
    author = AuthorFactory(slug="busy-author")
    for _ in range(count):
        ArticleFactory(section=section, authors=[author], tags=["busy"])


def counts(client, url: str) -> tuple[list[str], str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    sqls = [q["sql"] for q in captured.captured_queries if is_list_count(q["sql"])]
    return sqls, response.content.decode(), response.status_code


@pytest.mark.parametrize("base", LISTS)
def test_a_long_list_counts_only_the_first_pages(client, two_counted_pages, base):
    stories(PAGE_SIZE * 3 + 5)  # four pages, two counted
    sqls, html, status = counts(client, base)
    assert status == 200
    assert len(sqls) == 1 and re.search(rf"LIMIT {PAGE_SIZE * 2 + 1}\b", sqls[0]), sqls
    assert "Page 1 of more than 2" in html
    assert counts(client, base)[0] == [], "the total is kept"
    _, html, _ = counts(client, base + "?page=2")
    assert "Page 2 of more than 2" in html and 'href="?page=3"' in html


@pytest.mark.parametrize("base", LISTS)
def test_a_page_past_the_first_block_counts_to_the_end_of_its_own(client, two_counted_pages, base):
    stories(PAGE_SIZE * 3 + 5)
    client.get(base)
    sqls, html, status = counts(client, base + "?page=3")
    assert status == 200 and "Page 3 of 4" in html
    assert len(sqls) == 1 and re.search(rf"LIMIT {PAGE_SIZE * 4 + 1}\b", sqls[0]), sqls
    sqls, html, status = counts(client, base + "?page=4")
    assert sqls == [], "the block's total is kept"
    assert status == 200 and "Page 4 of 4" in html and 'rel="next"' not in html
    assert html.count('<article class="teaser') == 5
    for page in ("5", "0", "-1", "abc", "2.5", ""):
        assert client.get(f"{base}?page={page}").status_code == (200 if page == "" else 404), page


def test_a_deep_page_counts_the_blocks_up_to_its_own(client, two_counted_pages):
    stories(PAGE_SIZE * 9 + 5)  # ten pages; blocks of 2, 4, 8 and 16 pages
    sqls, html, status = counts(client, "/tags/busy/?page=5")
    assert status == 200 and "Page 5 of more than 8" in html and 'href="?page=6"' in html
    limits = [int(re.search(r"LIMIT (\d+)\b", sql)[1]) for sql in sqls]
    assert limits == [PAGE_SIZE * pages + 1 for pages in (2, 4, 8)], sqls
    sqls, html, _ = counts(client, "/tags/busy/?page=9")
    assert "Page 9 of 10" in html and 'href="?page=10"' in html
    assert len(sqls) == 1 and f"LIMIT {PAGE_SIZE * 16 + 1}" in sqls[0], "the others are kept"
    sqls, html, _ = counts(client, "/tags/busy/?page=10")
    assert sqls == [] and "Page 10 of 10" in html and 'rel="next"' not in html


def test_pages_past_the_end_count_to_the_end_once(client, two_counted_pages):
    """A crawler trying page after page past the end does not count the list each time."""
    stories(PAGE_SIZE * 3 + 5)  # four pages: the block of 4 finds the end
    sqls, _, status = counts(client, "/sections/busy/?page=1000")
    assert status == 404 and len(sqls) == 2, sqls  # blocks of 2 and 4 pages, then it stops
    for page in ("1001", "5000", "123456789", "5"):
        sqls, _, status = counts(client, f"/sections/busy/?page={page}")
        assert status == 404 and sqls == [], page


def test_an_absurd_page_number_is_a_404_without_a_count(client, two_counted_pages):
    stories(3)
    for page in ("99999999999999999999", "230584300921369396"):
        sqls, _, status = counts(client, f"/sections/busy/?page={page}")
        assert status == 404 and sqls == [], page
    assert client.get("/sections/busy/?page=last").status_code == 200


def test_a_short_list_says_how_many_pages_it_has(client, two_counted_pages):
    stories(PAGE_SIZE + 5)
    _, html, _ = counts(client, "/sections/busy/")
    assert "Page 1 of 2" in html
    assert counts(client, "/sections/busy/?page=3")[2] == 404


def test_exactly_the_counted_pages_is_not_more(client, two_counted_pages):
    stories(PAGE_SIZE * 2)
    _, html, _ = counts(client, "/sections/busy/?page=2")
    assert "Page 2 of 2" in html and 'rel="next"' not in html


def test_orphans_do_not_end_a_block_early(two_counted_pages):
    """With orphans the block's last page may take a few more stories: the count reaches past
    them, so a longer list still has a next page and says "more than"."""
    stories(PAGE_SIZE * 2 + 3 + 1)  # two full pages, three orphans, one story more
    paginator = KeptCountPaginator(
        Article.objects.published().newest_first(), PAGE_SIZE, orphans=3, list_tag="busy-list"
    )
    page = paginator.page(2)
    assert page.has_next() and paginator.more_than_counted
    assert len(page.object_list) == PAGE_SIZE
