"""LiveBlogPosting JSON-LD on a live blog's page, read back with extruct."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from liveblog.models import Entry, LiveBlog
from tests.test_structured_data import json_ld

pytestmark = pytest.mark.django_db


def post(blog: LiveBlog, text: str, **fields) -> Entry:
    entry = Entry.objects.create(live_blog=blog, body=f"<p>{text}</p>", **fields)
    entry.publish()
    return entry


def test_live_blog_page_is_a_live_blog_posting_with_its_updates(client, article, author, settings):
    settings.LIVEBLOG_STRUCTURED_DATA_UPDATES = 3
    blog = LiveBlog.objects.create(article=article)
    for number in range(5):
        post(blog, f"Update {number} from the harbour.", author=author)
    Entry.objects.create(live_blog=blog, body="<p>A draft.</p>")
    items = json_ld(client, article.get_absolute_url())
    assert "NewsArticle" not in items and "BreadcrumbList" in items
    posting = items["LiveBlogPosting"]
    assert posting["headline"] == article.headline
    started = parse_datetime(posting["coverageStartTime"])
    assert abs(started - blog.coverage_start) < timedelta(milliseconds=1)
    assert "coverageEndTime" not in posting
    updates = posting["liveBlogUpdate"]
    assert [u["articleBody"] for u in updates] == [
        "Update 4 from the harbour.", "Update 3 from the harbour.", "Update 2 from the harbour.",
    ]  # fmt: skip
    assert all(u["@type"] == "BlogPosting" and u["datePublished"] for u in updates)
    assert updates[0]["author"]["name"] == author.name
    assert updates[0]["url"].startswith("http") and "#update-" in updates[0]["url"]


def test_ended_live_blog_has_a_coverage_end_time(client, article):
    blog = LiveBlog.objects.create(article=article)
    post(blog, "Final update.")
    blog.set_state(LiveBlog.State.ENDED)
    blog.save()
    posting = json_ld(client, article.get_absolute_url())["LiveBlogPosting"]
    assert parse_datetime(posting["coverageEndTime"]) <= timezone.now()


def test_a_new_update_reaches_the_json_ld(client, article):
    blog = LiveBlog.objects.create(article=article)
    post(blog, "First.")
    json_ld(client, article.get_absolute_url())
    post(blog, "Second.")
    updates = json_ld(client, article.get_absolute_url())["LiveBlogPosting"]["liveBlogUpdate"]
    assert updates[0]["articleBody"] == "Second."


def test_ordinary_article_keeps_its_news_article(client, article):
    assert "NewsArticle" in json_ld(client, article.get_absolute_url())
