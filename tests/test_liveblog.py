"""Live blogs for readers: the article page, archive pages, the update check and its caching."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liveblog.models import Entry, LiveBlog
from tests.factories import ArticleFactory
from tests.querycount import queries_for


def post(blog: LiveBlog, text: str, publish: bool = True, **fields) -> Entry:
    entry = Entry.objects.create(live_blog=blog, body=f"<p>{text}</p>", **fields)
    if publish:
        entry.publish()
    return entry


@pytest.fixture
def blog(article):
    return LiveBlog.objects.create(
        article=article, key_points="Roads closed near the river\nShelters open at the school"
    )


def live_section(client, blog: LiveBlog) -> str:
    """The live updates as the article page shows them (the head's JSON-LD left out)."""
    html = client.get(blog.article.get_absolute_url()).content.decode()
    return html[html.index('id="live-updates"') :]


def updates_url(blog: LiveBlog, after: int) -> str:
    return f"/live/{blog.pk}/after/{after}/"


def test_entries_are_numbered_in_publication_order(blog):
    first = post(blog, "Water is rising.", publish=False)
    second = post(blog, "The bridge is closed.")
    first.publish()
    first.refresh_from_db()
    assert (second.number, first.number) == (1, 2)
    blog.refresh_from_db()
    assert blog.last_number == 2


def test_article_page_shows_badge_key_points_and_entries_newest_first(client, blog):
    post(blog, "First update from the riverbank.")
    post(blog, "Second update: the shelter is open.")
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert '<span class="live-badge">Live</span>' in html
    html = live_section(client, blog)
    assert "Roads closed near the river" in html
    assert html.index("Second update") < html.index("First update")
    assert 'aria-live="polite"' in html
    assert 'href="/static/liveblog/live.js"' in html or "liveblog/live" in html
    assert ">Refresh</a>" in html


def test_entry_times_are_shown_in_the_newsroom_time_zone(client, blog, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    entry = post(blog, "Timed update.")
    Entry.objects.filter(pk=entry.pk).update(
        published_at=timezone.datetime(2026, 7, 1, 12, 0, tzinfo=timezone.UTC)
    )
    cache.clear()
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert "14:00 CEST" in html


def test_pinned_entries_come_first_and_once(client, blog):
    pinned = post(blog, "Pinned: where to get help.", pinned=True)
    post(blog, "A later update.")
    html = live_section(client, blog)
    assert html.index("where to get help") < html.index("A later update")
    assert html.count(f'id="{pinned.anchor}"') == 1


def test_drafts_and_withdrawn_entries_are_never_served(client, blog):
    post(blog, "Published text.")
    post(blog, "Draft text of a contributor.", publish=False)
    withdrawn = post(blog, "Withdrawn text.")
    withdrawn.withdraw()
    urls = [
        blog.article.get_absolute_url(),
        updates_url(blog, 0),
        f"/live/{blog.pk}/updates/1/",
        f"/live/{blog.pk}/feed/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "Published text" in html, url
        assert "Draft text" not in html, url
        assert "Withdrawn text" not in html, url


def test_a_deleted_entry_leaves_every_cached_page(client, blog):
    entry = post(blog, "Mistaken update.")
    urls = [blog.article.get_absolute_url(), updates_url(blog, 0), f"/live/{blog.pk}/feed/"]
    for url in urls:
        assert "Mistaken update" in client.get(url).content.decode()
    entry.delete()
    for url in urls:
        assert "Mistaken update" not in client.get(url).content.decode(), url


def test_live_blog_of_a_draft_article_is_not_served(client, section):
    draft = ArticleFactory(section=section, draft=True)
    blog = LiveBlog.objects.create(article=draft)
    post(blog, "Secret update.")
    assert client.get(updates_url(blog, 0)).status_code == 404
    assert client.get(f"/live/{blog.pk}/updates/1/").status_code == 404
    assert client.get(f"/live/{blog.pk}/feed/").status_code == 404


def test_update_check_returns_only_newer_entries(client, blog):
    post(blog, "Old news.")
    post(blog, "Fresh news.")
    data = json.loads(client.get(updates_url(blog, 1)).content)
    assert data["count"] == 1 and data["latest"] == 2 and data["state"] == "live"
    assert "Fresh news" in data["html"] and "Old news" not in data["html"]
    assert json.loads(client.get(updates_url(blog, 2)).content)["count"] == 0


def test_update_check_answers_304_when_nothing_changed(client, blog):
    post(blog, "Only update.")
    first = client.get(updates_url(blog, 1))
    assert first.status_code == 200
    again = client.get(updates_url(blog, 1), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_update_check_changes_when_an_entry_is_published(client, blog):
    post(blog, "First.")
    first = client.get(updates_url(blog, 1))
    post(blog, "Breaking: second.")
    again = client.get(updates_url(blog, 1), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert "Breaking: second." in json.loads(again.content)["html"]


def test_update_check_has_a_short_shared_lifetime(client, blog, settings):
    settings.LIVEBLOG_UPDATE_SECONDS = 5
    post(blog, "One.")
    response = client.get(updates_url(blog, 1))
    assert "s-maxage=5," in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_update_check_beyond_the_newest_number_is_404(client, blog):
    post(blog, "One.")
    assert client.get(updates_url(blog, 2)).status_code == 404
    assert client.get(f"/live/{blog.pk}/after/99999999999999999999/").status_code == 404
    assert client.get("/live/999999/after/0/").status_code == 404


def test_update_check_costs_three_queries_whatever_the_blog_size(client, blog):
    """The live blog, its new entries, and (shared by every page) the next scheduled change."""
    post(blog, "One.")
    small = queries_for(client, updates_url(blog, 0))
    for number in range(40):
        post(blog, f"Update {number}.")
    assert queries_for(client, updates_url(blog, 0)) == small <= 3


def test_update_check_is_served_from_the_cache(client, blog, django_assert_num_queries):
    post(blog, "One.")
    client.get(updates_url(blog, 1))
    with django_assert_num_queries(0):
        assert client.get(updates_url(blog, 1)).status_code == 200


def test_live_article_page_query_count_is_flat(client, blog):
    post(blog, "One.")
    small = queries_for(client, blog.article.get_absolute_url())
    for number in range(45):
        post(blog, f"Update {number}.", pinned=number == 3)
    assert queries_for(client, blog.article.get_absolute_url()) == small


def test_a_new_entry_retires_exactly_the_live_pages(client, blog, section):
    """The live page, its update check and feed render again; other pages and lists (which
    show the story's teaser, not its entries) stay cached."""
    post(blog, "Before.")
    other = ArticleFactory(section=section)
    kept = [other.get_absolute_url(), "/", section.get_absolute_url(), "/feed/"]
    retired = [blog.article.get_absolute_url(), updates_url(blog, 1), f"/live/{blog.pk}/feed/"]
    for url in kept + retired:
        client.get(url)
    post(blog, "An update.")
    # The next scheduled change is asked again after any edit: one query, once.
    client.get("/robots.txt")
    for url in kept:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        assert len(captured) == 0, url
    for url in retired:
        assert "An update." in client.get(url).content.decode(), url


def test_archive_pages_are_stable_and_paginated(client, blog, settings):
    settings.LIVEBLOG_PAGE_SIZE = 3
    entries = [post(blog, f"Entry number {n}.") for n in range(1, 9)]
    page_one = client.get(f"/live/{blog.pk}/updates/1/").content.decode()
    assert all(f"Entry number {n}." in page_one for n in (1, 2, 3))
    assert "Entry number 4." not in page_one
    assert entries[0].get_absolute_url() == f"/live/{blog.pk}/updates/1/#{entries[0].anchor}"
    # The article page shows the two newest pages (7-8 and 4-6), then links to page 1.
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert "Entry number 4." in html and "Entry number 3." not in html
    assert f'href="/live/{blog.pk}/updates/1/"' in html
    post(blog, "Entry number 9.")
    post(blog, "Entry number 10.")
    assert client.get(f"/live/{blog.pk}/updates/1/").content.decode().count("Entry number") == 3


@pytest.mark.parametrize("page", [0, 4, 99999999999999999999])
def test_archive_page_out_of_range_is_404(client, blog, settings, page):
    settings.LIVEBLOG_PAGE_SIZE = 3
    for n in range(7):
        post(blog, f"Entry {n}.")
    assert client.get(f"/live/{blog.pk}/updates/{page}/").status_code == 404


def test_corrected_entry_shows_its_updated_time(client, blog):
    entry = post(blog, "Twelve people were rescued.")
    entry.body = "<p>Fourteen people were rescued.</p>"
    entry.correct()
    entry.save()
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert "Fourteen people" in html and "Twelve people" not in html
    assert 'class="updated">Updated <time' in html


def test_entry_bodies_are_sanitized(blog):
    entry = post(blog, 'Safe<script>alert(1)</script><img src="x" onerror="alert(2)">')
    entry.refresh_from_db()
    assert "<script" not in entry.body and "onerror" not in entry.body


def test_ended_blog_has_no_badge_and_no_script(client, blog):
    post(blog, "Last update.")
    blog.set_state(LiveBlog.State.ENDED)
    blog.save()
    assert blog.coverage_end is not None
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert "live-badge" not in html
    assert "live.js" not in html
    assert "coverage ended" in html


def test_teasers_mark_live_stories_and_stop_when_ended(client, blog):
    from tests.factories import set_picks

    set_picks([blog.article])
    assert '<span class="live-badge">Live</span>' in client.get("/").content.decode()
    section_url = blog.article.section.get_absolute_url()
    assert "live-badge" in client.get(section_url).content.decode()
    blog.set_state(LiveBlog.State.ENDED)
    blog.save()
    assert "live-badge" not in client.get("/").content.decode()
    assert "live-badge" not in client.get(section_url).content.decode()


def test_ordinary_article_page_asks_nothing_of_live_blogs_once_the_map_is_kept(
    client, section, blog
):
    """Which stories are live is kept in the cache; rendering another article's page again
    (after an edit) runs no live blog query."""
    plain = ArticleFactory(section=section)
    client.get(plain.get_absolute_url())
    plain.standfirst = "A changed standfirst."
    plain.save()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(plain.get_absolute_url()).content.decode()
    assert "A changed standfirst." in html
    assert captured.captured_queries, "the page was rendered again"
    # The article's own statement brings the values every page shows (live stories among
    # them: core.site_values.with_site_values()); no query of the live blogs' own runs.
    live = [q["sql"] for q in captured.captured_queries if "liveblog_" in q["sql"]]
    assert all('"site_rows"' in sql and '"articles_article"."id" = ' in sql for sql in live)


def test_feed_carries_entries(client, blog):
    entry = post(blog, "An update for feed readers.")
    xml = client.get(f"/live/{blog.pk}/feed/").content.decode()
    assert "An update for feed readers." in xml
    assert f"#update-{entry.pk}" in xml
    atom = client.get(f"/live/{blog.pk}/feed/atom/").content.decode()
    assert "An update for feed readers." in atom
    page = client.get(blog.article.get_absolute_url()).content.decode()
    title = f"{blog.article.headline} (live updates)"
    assert f'title="{title} (RSS)" href="/live/{blog.pk}/feed/"' in page


def test_coverage_times_default_sensibly(blog):
    assert blog.coverage_start <= timezone.now() < blog.coverage_start + timedelta(minutes=1)
    assert blog.coverage_end is None


def test_unpublishing_the_article_withdraws_every_live_page(client, blog):
    post(blog, "Visible while the story is public.")
    urls = [updates_url(blog, 0), f"/live/{blog.pk}/updates/1/", f"/live/{blog.pk}/feed/"]
    for url in urls:
        assert client.get(url).status_code == 200
    article = blog.article
    article.status = article.Status.UNPUBLISHED
    article.save()
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.get(article.get_absolute_url()).status_code == 404
