"""Pieces of pages kept between page-cache misses: widget HTML, the article's data, the schedule.

With the page cache off, what a miss renders again must be cheap, and never stale: every edit
retires the pieces that show it, in this process and in every other.
"""

import re
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core.cache import versions
from core.cache.fragments import cached_fragment, cached_value, not_kept, store
from core.cache.versions import bump, current_versions, version_key
from images.models import Image
from images.signals import renditions_ready
from tests.factories import ArticleFactory, ImageFactory, SectionFactory
from tests.querycount import is_list_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_scope():
    """What the page cache middleware sets up for each request: a memo for its duration."""
    with versions.request_scope():
        yield


@pytest.fixture
def story(section, author):
    return ArticleFactory(section=section, authors=[author], tags=["privacy"], headline="First")


@pytest.fixture
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True


def queries_of(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), response


class Renders:
    def __init__(self, value="<p>made</p>"):
        self.value, self.count = value, 0

    def __call__(self):
        self.count += 1
        return self.value


# -- fragments --------------------------------------------------------------------------


def test_a_fragment_is_made_once_per_version_of_its_tags():
    render = Renders()
    assert cached_fragment("widget", ["section:1"], render) == "<p>made</p>"
    assert cached_fragment("widget", ["section:1"], render) == "<p>made</p>"
    assert render.count == 1
    bump(["section:1"])
    cached_fragment("widget", ["section:1"], render)
    assert render.count == 2


def test_this_process_s_copy_is_retired_by_an_edit_made_elsewhere():
    """Another process edits: only the shared version token moves. The local copy must not
    be served, and another process's fresh entry is taken from the shared cache."""
    render = Renders("old")
    cached_fragment("widget", ["tag:3"], render)
    cache.set(version_key("tag:3"), "moved-by-another-process", timeout=None)
    render.value = "new"
    assert cached_fragment("widget", ["tag:3"], render) == "new"
    store.forget_copies()  # a process that never made it finds it in the shared cache
    assert cached_fragment("widget", ["tag:3"], Renders("unused")) == "new"


def test_a_fragment_is_taken_from_this_process_without_a_cache_round_trip(request_scope):
    cached_fragment("widget", ["nav"], Renders())
    with (
        mock.patch.object(LocMemCache, "get", wraps=cache.get) as get,
        mock.patch.object(LocMemCache, "get_many", wraps=cache.get_many) as get_many,
    ):
        assert cached_fragment("widget", ["nav"], Renders("unused")) == "<p>made</p>"
    assert get.call_count == get_many.call_count == 0


def test_version_tokens_are_read_once_per_request_and_forgotten_after_an_edit(request_scope):
    bump(["article:1", "nav", "home"])  # tokens exist, as on a running site
    with mock.patch.object(LocMemCache, "get_many", wraps=cache.get_many) as get_many:
        first = current_versions(["article:1", "nav"])
        assert current_versions(["nav", "home"])["nav"] == first["nav"]  # home came along
        assert get_many.call_count == 1
        bump(["nav"])
        assert current_versions(["nav"])["nav"] != first["nav"]
        assert get_many.call_count == 2


def test_a_fresh_read_ignores_what_the_request_remembers(request_scope):
    before = current_versions(["nav"])["nav"]
    cache.set(version_key("nav"), "changed-elsewhere", timeout=None)
    assert current_versions(["nav"])["nav"] == before
    assert current_versions(["nav"], fresh=True)["nav"] == "changed-elsewhere"


def test_a_fragment_following_the_schedule_expires_at_the_next_publication(story):
    at = timezone.now() + timedelta(minutes=5)
    ArticleFactory(section=story.section, published_at=at)
    render = Renders()
    cached_fragment("blocks", ["home"], render)
    cached_fragment("blocks", ["home"], render)
    assert render.count == 1
    with time_machine.travel(at + timedelta(seconds=1)):
        cached_fragment("blocks", ["home"], render)
    assert render.count == 2


def test_fragments_are_not_kept_when_switched_off(settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    render = Renders()
    cached_fragment("widget", ["nav"], render)
    cached_fragment("widget", ["nav"], render)
    assert render.count == 2
    with versions.request_scope():
        cached_fragment("widget", ["nav"], render)
    with versions.request_scope():
        cached_fragment("widget", ["nav"], render)
    assert render.count == 4, "switched off, nothing outlives its request"


def test_switched_off_a_piece_is_made_once_per_request_and_again_after_an_edit(settings):
    """The brand, the live stories and the menus appear several times on a page."""
    settings.FRAGMENT_CACHE_ENABLED = False
    render, make = Renders(), Renders({"tags": ["author:7"]})
    with versions.request_scope():
        for _ in range(3):
            cached_fragment("brand", ["brand"], render)
            cached_value("data", make, lambda value: value["tags"])
        assert (render.count, make.count) == (1, 1)
        cached_fragment("other-widget", ["brand"], render)
        assert render.count == 2, "another piece is made on its own"
        bump(["unrelated"])
        cached_fragment("brand", ["brand"], render)
        cached_value("data", make, lambda value: value["tags"])
        assert (render.count, make.count) == (3, 2), "an edit within the request is seen"


def test_a_preview_of_unsaved_data_is_never_remembered_even_within_its_request(settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    render = Renders()
    with versions.request_scope():
        with not_kept():
            cached_fragment("more-in", ["nav"], render)
            cached_value("article", render, lambda value: [])
        cached_fragment("more-in", ["nav"], render)
    assert render.count == 3


# -- values whose tags are known once made -------------------------------------------------


def test_a_value_is_kept_under_the_tags_it_names():
    make = Renders({"tags": ["author:7"]})
    tags_of = lambda value: value["tags"]  # noqa: E731
    cached_value("data", make, tags_of)
    cached_value("data", make, tags_of)
    assert make.count == 1
    bump(["author:7"])
    cached_value("data", make, tags_of)
    assert make.count == 2


def test_nothing_to_show_is_never_kept():
    make = Renders(None)
    assert cached_value("missing", make, lambda value: []) is None
    assert cached_value("missing", make, lambda value: []) is None
    assert make.count == 2


def test_a_value_made_while_anything_was_edited_is_not_kept():
    """Its tags were unknown before it was made, so an edit meanwhile could go unnoticed."""
    calls = []

    def make():
        calls.append(1)
        if len(calls) == 1:
            bump(["article:99"])  # an editor saves while this request reads the database
        return {"tags": ["article:1"]}

    cached_value("racy", make, lambda value: value["tags"])
    cached_value("racy", make, lambda value: value["tags"])
    cached_value("racy", make, lambda value: value["tags"])
    assert len(calls) == 2


# -- the article page, with the page cache off ------------------------------------------


@pytest.mark.usefixtures("page_cache_off")
def test_a_page_cache_miss_with_warm_pieces_costs_no_query(client, story):
    cold, first = queries_of(client, story.get_absolute_url())
    warm, second = queries_of(client, story.get_absolute_url())
    assert cold > 0
    assert warm == 0
    nonce = re.compile(rb'nonce="[^"]*"')
    assert nonce.sub(b"", second.content) == nonce.sub(b"", first.content)


@pytest.mark.usefixtures("page_cache_off")
def test_the_kept_article_follows_every_edit_of_what_its_page_shows(client, story, author):
    url = story.get_absolute_url()
    client.get(url)
    story.headline = "Second"
    story.save()
    assert "Second" in client.get(url).content.decode()
    author.bio = "Now covers space flight."
    author.save()
    assert "Now covers space flight." in client.get(url).content.decode()
    # A parent out of the navigation: its name shows only in the article's breadcrumbs.
    story.section.parent = SectionFactory(
        name="Science desk", slug="science-desk", show_in_navigation=False
    )
    story.section.save()
    assert "Science desk" in client.get(url).content.decode()
    story.section.parent.name = "Research desk"
    story.section.parent.save()
    assert "Research desk" in client.get(url).content.decode()


@pytest.mark.usefixtures("page_cache_off")
def test_an_unpublished_article_is_gone_at_once(client, story):
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200
    story.status = Article.Status.UNPUBLISHED
    story.save()
    assert client.get(url).status_code == 404


@pytest.mark.usefixtures("page_cache_off")
def test_an_expiry_set_after_the_page_was_seen_is_honoured(client, story):
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200
    story.unpublish_at = timezone.now() + timedelta(minutes=10)
    story.save()
    assert client.get(url).status_code == 200
    with time_machine.travel(story.unpublish_at + timedelta(seconds=1)):
        assert client.get(url).status_code == 404


@pytest.mark.usefixtures("page_cache_off")
def test_a_story_scheduled_after_the_schedule_was_read_appears_on_time(client, story):
    client.get(story.get_absolute_url())  # the next change (none) is now known and kept
    at = timezone.now() + timedelta(minutes=5)
    ArticleFactory(section=SectionFactory(slug="science"), headline="Timed story", published_at=at)
    assert "Timed story" not in client.get(story.get_absolute_url()).content.decode()
    with time_machine.travel(at + timedelta(seconds=1)):
        assert "Timed story" in client.get(story.get_absolute_url()).content.decode()


@pytest.mark.usefixtures("page_cache_off")
def test_edits_and_new_renditions_of_the_lead_image_refresh_its_page(client, story):
    story.lead_image = ImageFactory(alt_text="A harbour")
    story.save()
    url = story.get_absolute_url()
    assert "A harbour" in client.get(url).content.decode()
    story.lead_image.alt_text = "A harbour at dawn"
    story.lead_image.save()
    assert "A harbour at dawn" in client.get(url).content.decode()
    # The rendition task records its work without save(): it sends renditions_ready.
    Image.objects.filter(pk=story.lead_image.pk).update(alt_text="A harbour at dusk")
    renditions_ready.send(sender=Image, instance=story.lead_image)
    assert "A harbour at dusk" in client.get(url).content.decode()


def test_the_section_front_marks_itself_in_the_navigation(client, story):
    SectionFactory(name="Good News", slug="good-news")
    html = client.get("/sections/technology/").content.decode()
    assert 'href="/sections/technology/" aria-current="page"' in html
    assert 'href="/sections/good-news/" aria-current' not in html
    home = client.get("/").content.decode()
    assert "aria-current" not in home


# -- teasers ------------------------------------------------------------------------------


def teaser_renders(client, url: str) -> int:
    """How many teasers a request to `url` writes (`articles.story_markup.teaser`)."""
    from articles import story_markup

    rendered = []
    write = story_markup.teaser

    def counting(*args, **kwargs):
        rendered.append(args[0])
        return write(*args, **kwargs)

    story_markup.teaser = counting
    try:
        assert client.get(url).status_code == 200
    finally:
        story_markup.teaser = write
    return len(rendered)


@pytest.mark.usefixtures("page_cache_off")
def test_teasers_are_kept_between_page_cache_misses(client, story, author):
    for index in range(3):
        ArticleFactory(section=story.section, authors=[author], headline=f"Other {index}")
    assert teaser_renders(client, "/sections/technology/") == 4
    assert teaser_renders(client, "/sections/technology/") == 0
    assert teaser_renders(client, f"/authors/{author.slug}/") == 0  # the same teasers
    assert teaser_renders(client, "/") == 4  # other variants: the lead, column image sizes


@pytest.mark.usefixtures("page_cache_off")
def test_a_kept_teaser_follows_its_article_its_authors_and_section_names(client, story, author):
    url = "/tags/privacy/"
    client.get(url)
    story.headline = "Edited headline"
    story.save()
    assert "Edited headline" in client.get(url).content.decode()
    author.name = "Mara Quill-Rivers"
    author.save()
    assert "Mara Quill-Rivers" in client.get(url).content.decode()
    story.section.name = "Tech desk"
    story.section.save()
    assert ">Tech desk</a>" in client.get(url).content.decode()


# -- list totals ----------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(is_list_count(query["sql"]) for query in captured.captured_queries)


@pytest.mark.usefixtures("page_cache_off")
def test_a_list_total_is_kept_until_a_story_joins_or_leaves_the_list(client, story, settings):
    child = SectionFactory(name="Gadgets", slug="gadgets", parent=story.section)
    for index in range(20):
        ArticleFactory(section=story.section, headline=f"Filler {index}")
    url = "/sections/technology/"
    assert count_queries(client, url) == 1
    assert "Page 1 of 2" in client.get(url).content.decode()
    assert count_queries(client, url) == 0
    for index in range(20):  # published in a child section: listed on the parent's front
        ArticleFactory(section=child, headline=f"Gadget {index}")
    assert "Page 1 of 3" in client.get(url).content.decode()
    story.status = Article.Status.UNPUBLISHED
    story.save()
    assert "Page 1 of 2" in client.get(url).content.decode()  # 40 stories
    extra = ArticleFactory(section=child, headline="One more")
    assert "Page 1 of 3" in client.get(url).content.decode()
    extra.delete()
    assert "Page 1 of 2" in client.get(url).content.decode()


@pytest.mark.usefixtures("page_cache_off")
def test_a_list_total_follows_the_schedule(client, story):
    for index in range(19):
        ArticleFactory(section=story.section, headline=f"Filler {index}")
    at = timezone.now() + timedelta(minutes=5)
    ArticleFactory(section=story.section, headline="Timed", published_at=at)
    url = "/sections/technology/"
    assert "Page 1 of" not in client.get(url).content.decode()  # 20 stories: one page
    with time_machine.travel(at + timedelta(seconds=1)):
        assert "Page 1 of 2" in client.get(url).content.decode()
