"""Home, section fronts, tag pages and author pages: what they list, and how they paginate."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.curation import LATEST, SECONDARY
from articles.views import PAGE_SIZE
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db


def test_home_shows_lead_latest_and_section_rails(client):
    tech = SectionFactory(name="Technology", slug="technology", position=1)
    good = SectionFactory(name="Good News", slug="good-news", position=2)
    for _ in range(1 + SECONDARY + LATEST):  # enough to fill the top and the latest list
        ArticleFactory(section=tech, published_at=timezone.now() - timedelta(hours=1))
    older = ArticleFactory(
        section=good,
        headline="Volunteers rebuild the library",
        published_at=timezone.now() - timedelta(days=2),
    )
    newest = ArticleFactory(section=tech, headline="Chip makers race ahead")
    html = client.get("/").content.decode()
    assert html.index("Chip makers race ahead") < html.index("Volunteers rebuild the library")
    assert 'class="teaser teaser--lead"' in html
    assert '<a href="/sections/good-news/">Good News</a></h2>' in html
    assert "Continue reading" in html
    assert f'Continue reading<span class="visually-hidden">: {newest.headline}</span>' in html
    assert older.get_absolute_url() in html


def test_home_with_no_stories_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No stories have been published yet." in response.content.decode()


def test_home_hides_drafts_and_scheduled(client):
    ArticleFactory(draft=True, headline="Secret draft headline")
    ArticleFactory(scheduled=True, headline="Tomorrow's scoop")
    ArticleFactory(headline="Public story")
    html = client.get("/").content.decode()
    assert "Public story" in html
    assert "Secret draft headline" not in html
    assert "Tomorrow" not in html


def test_section_front_includes_child_sections(client):
    tech = SectionFactory(name="Technology", slug="technology")
    gaming = SectionFactory(name="Gaming", slug="gaming", parent=tech)
    parent_story = ArticleFactory(section=tech)
    child_story = ArticleFactory(section=gaming)
    other = ArticleFactory(section=SectionFactory(slug="science"))
    html = client.get("/sections/technology/").content.decode()
    assert parent_story.headline in html and child_story.headline in html
    assert other.headline not in html
    assert 'href="/sections/gaming/"' in html
    child_html = client.get("/sections/gaming/").content.decode()
    assert child_story.headline in child_html and parent_story.headline not in child_html


def test_tag_page_lists_tagged_public_stories(client):
    tagged = ArticleFactory(tags=["space"])
    ArticleFactory(tags=["space"], draft=True, headline="Hidden space draft")
    untagged = ArticleFactory(tags=["music"])
    html = client.get("/tags/space/").content.decode()
    assert tagged.headline in html
    assert untagged.headline not in html
    assert "Hidden space draft" not in html


@pytest.mark.parametrize("hidden", [{"draft": True}, {"scheduled": True}])
def test_tag_used_only_by_unpublished_stories_has_no_page(client, hidden):
    """Its page would confirm what an unpublished story is about (issue 19)."""
    ArticleFactory(tags=["merger-talks"], **hidden)
    assert client.get("/tags/merger-talks/").status_code == 404
    ArticleFactory(tags=["merger-talks"])
    assert client.get("/tags/merger-talks/").status_code == 200


def test_author_page_shows_profile_and_stories(client):
    author = AuthorFactory(
        name="Ada Stone",
        job_title="Science editor",
        bio="Ada Stone covers tech and gaming news.",
        x_url="https://x.com/adastone",
    )
    own = ArticleFactory(authors=[author])
    shared = ArticleFactory(authors=[AuthorFactory(), author])
    ArticleFactory(authors=[author], draft=True, headline="Ada's unfinished draft")
    someone_else = ArticleFactory()
    html = client.get(author.get_absolute_url()).content.decode()
    assert "<h1>Ada Stone</h1>" in html
    assert "Science editor" in html and "covers tech and gaming news" in html
    assert 'href="https://x.com/adastone"' in html
    assert own.headline in html and shared.headline in html
    assert "unfinished draft" not in html
    assert someone_else.headline not in html


@pytest.mark.parametrize(
    "url", ["/sections/nope/", "/tags/nope/", "/authors/nope/", "/articles/0/x/"]
)
def test_unknown_slugs_answer_404(client, db, url):
    assert client.get(url).status_code == 404


@pytest.fixture
def long_section():
    section = SectionFactory(slug="busy")
    author = AuthorFactory(slug="busy-author")
    for _ in range(PAGE_SIZE + 5):
        ArticleFactory(section=section, authors=[author], tags=["busy"])
    return section


@pytest.mark.parametrize(
    "base", ["/sections/busy/", "/tags/busy/", "/authors/busy-author/", "/latest/"]
)
def test_lists_paginate_by_twenty(client, long_section, base):
    first = client.get(base)
    assert len(first.context["articles"]) == PAGE_SIZE
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(base + "?page=2")
    assert len(second.context["articles"]) == 5


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1.5", "99999999999999999999", "%00"])
@pytest.mark.parametrize("base", ["/sections/busy/", "/tags/busy/", "/authors/busy-author/"])
def test_bad_or_out_of_range_page_is_404(client, long_section, base, page):
    assert client.get(f"{base}?page={page}").status_code == 404


def _archive(size: int):
    tech = SectionFactory(slug="technology", name="Technology")
    gaming = SectionFactory(slug="gaming", name="Gaming", parent=tech)
    science = SectionFactory(slug="science", name="Science")
    image = ImageFactory()  # every teaser shows it: a lookup per teaser would show
    authors = [AuthorFactory(slug="a0", photo=image), AuthorFactory(slug="a1")]
    for index in range(size):
        ArticleFactory(
            section=[tech, gaming, science][index % 3],
            authors=authors,
            tags=["shared", f"t{index % 4}"],
            lead_image=image,
        )


PAGES = ["/", "/latest/", "/sections/technology/", "/tags/shared/", "/authors/a0/"]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("size", [5, 50])
def test_listing_pages_stay_within_query_budget(client, url, size, django_assert_max_num_queries):
    _archive(size)
    # At most 6: the list's owner, its count, its stories with their bylines, the values
    # every page shows in one query (core/site_values.py), a section's subsections; the
    # home page's picks, newest stories and rails.
    with django_assert_max_num_queries(6):
        client.get(url)


@pytest.mark.parametrize("url", PAGES)
def test_listing_page_queries_do_not_grow_with_the_archive(client, url):
    _archive(20)  # (with fewer, the home page's rails have no story left to show)
    small = queries_for(client, url)
    _archive(30)
    assert queries_for(client, url) == small


def test_a_section_front_lists_its_own_subsections_in_the_editors_order(client, section):
    SectionFactory(name="Phones", slug="phones", parent=section, position=2)
    SectionFactory(name="Gaming", slug="gaming", parent=section, position=1)
    SectionFactory(name="Apps", slug="apps", parent=section, position=2)
    science = SectionFactory(name="Science", slug="science")
    SectionFactory(name="Space", slug="space", parent=science)
    html = client.get(section.get_absolute_url()).content.decode()
    nav = html.split('class="subsections"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">(\w+)</a>", nav) == ["Gaming", "Apps", "Phones"]
    assert 'class="subsections"' not in client.get("/sections/space/").content.decode()
    assert client.get("/sections/nowhere/").status_code == 404
