"""The page cache: anonymous readers get stored pages, and no edit ever leaves a stale one."""

import gzip
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline
from core.cache.pages import PageCacheMiddleware, depends_on, page_shows
from core.cache.versions import bump
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory, publish

pytestmark = pytest.mark.django_db

purged: list[list[str]] = []


def record_purge(urls: list[str]) -> None:
    purged.append(urls)


def queries_of(client, url: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return len(captured), response


@pytest.fixture
def story(section, author):
    return ArticleFactory(
        section=section, authors=[author], tags=["privacy"], headline="Original headline"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/sections/technology/",
        "/tags/privacy/",
        "/authors/{author}/",
        "{article}",
    ],
)
def test_second_anonymous_visit_is_served_without_the_database(client, story, author, url):
    url = url.format(author=author.slug, article=story.get_absolute_url())
    first_queries, first = queries_of(client, url)
    assert first.status_code == 200 and first_queries > 0
    second_queries, second = queries_of(client, url)
    assert second_queries == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_editing_a_headline_shows_at_once_everywhere_it_appears(client, story, author):
    urls = [story.get_absolute_url(), "/", "/sections/technology/", "/tags/privacy/", "/feed/"]
    urls.append(author.get_absolute_url())
    for url in urls:
        assert "Original headline" in client.get(url).content.decode()
    story.headline = "Corrected headline"
    story.save()
    for url in urls:
        html = client.get(url).content.decode()
        assert "Corrected headline" in html, url
        assert "Original headline" not in html, url


def test_unpublished_article_is_never_served_again_from_the_cache(client, story, author):
    lists = ["/", "/sections/technology/", "/tags/privacy/", "/feed/", "/sitemap.xml"]
    lists.append(author.get_absolute_url())
    for url in [story.get_absolute_url(), *lists]:
        client.get(url)
    story.status = Article.Status.UNPUBLISHED
    story.save()
    for _ in range(2):
        assert client.get(story.get_absolute_url()).status_code == 404
        for url in lists:
            assert story.get_absolute_url() not in client.get(url).content.decode(), url


def test_deleted_article_leaves_no_cached_copy(client, story):
    url = story.get_absolute_url()
    client.get(url)
    client.get("/")
    story.delete()
    assert client.get(url).status_code == 404
    assert url not in client.get("/").content.decode()


def test_scheduled_article_appears_at_its_time_with_the_cache_on(client, section):
    ArticleFactory(section=section, headline="Already out")
    at = timezone.now() + timedelta(minutes=10)
    ArticleFactory(section=section, headline="Embargoed scoop", published_at=at)
    first = client.get("/")
    assert "Embargoed scoop" not in first.content.decode()
    assert "s-maxage=599" in first["Cache-Control"] or "s-maxage=600" in first["Cache-Control"]
    with time_machine.travel(at + timedelta(seconds=1)):
        assert "Embargoed scoop" in client.get("/").content.decode()
        assert "Embargoed scoop" in client.get("/sections/technology/").content.decode()


def test_publishing_a_new_story_refreshes_its_lists_but_not_unrelated_pages(client, story):
    other_author = AuthorFactory(slug="elsewhere")
    unrelated = ArticleFactory(authors=[other_author], tags=["gardening"])
    client.get(other_author.get_absolute_url())
    client.get("/tags/gardening/")
    client.get("/sections/technology/")
    new = ArticleFactory(section=story.section, authors=[story.authors.get()], draft=True)
    publish(new)
    assert new.headline in client.get("/sections/technology/").content.decode()
    untouched, _ = queries_of(client, other_author.get_absolute_url())
    assert untouched == 0
    untouched, _ = queries_of(client, "/tags/gardening/")
    assert untouched == 0
    assert unrelated.headline in client.get("/tags/gardening/").content.decode()


def test_draft_saves_do_not_invalidate_public_lists(client, story):
    draft = ArticleFactory(section=story.section, draft=True)
    client.get("/")
    draft.headline = "Still a draft"
    draft.save()
    assert queries_of(client, "/")[0] == 0


def test_renaming_an_author_refreshes_bylines_in_lists_and_articles(client, story, author):
    for url in ["/", story.get_absolute_url(), "/sections/technology/"]:
        client.get(url)
    author.name = "Mara Quill-Ode"
    author.save()
    for url in ["/", story.get_absolute_url(), "/sections/technology/"]:
        assert "Mara Quill-Ode" in client.get(url).content.decode(), url


def test_adding_a_byline_lists_the_story_on_the_new_authors_page(client, story):
    newcomer = AuthorFactory(slug="newcomer")
    assert story.headline not in client.get(newcomer.get_absolute_url()).content.decode()
    Byline.objects.create(article=story, author=newcomer, position=5)
    assert story.headline in client.get(newcomer.get_absolute_url()).content.decode()


def test_renaming_a_tag_or_section_refreshes_the_pages_showing_it(client, story):
    client.get(story.get_absolute_url())
    tag = Tag.objects.get(slug="privacy")
    tag.name = "Data privacy"
    tag.save()
    assert "Data privacy" in client.get(story.get_absolute_url()).content.decode()
    story.section.name = "Tech & Science"
    story.section.save()
    for url in ["/", story.get_absolute_url()]:
        assert "Tech &amp; Science" in client.get(url).content.decode(), url


def test_moving_an_article_refreshes_the_old_section_front(client, story):
    assert story.headline in client.get("/sections/technology/").content.decode()
    story.section = SectionFactory(slug="science")
    story.save()
    assert story.headline not in client.get("/sections/technology/").content.decode()
    assert story.headline in client.get("/sections/science/").content.decode()


def test_logged_in_editors_get_fresh_private_pages(client, story):
    client.get(story.get_absolute_url())
    client.force_login(UserFactory(is_staff=True))
    response = client.get(story.get_absolute_url())
    assert "ETag" not in response  # rendered for them: a stored page always carries its ETag
    assert response["Cache-Control"] == "private, no-cache"
    assert "Cookie" in response["Vary"]


def test_admin_is_never_stored_by_browsers_or_proxies(client):
    editor = UserFactory(is_staff=True, is_superuser=True)
    editor.save()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("query", ["?utm_source=x", "?q=secret", "?page=1&x=1"])
def test_unknown_query_parameters_bypass_the_cache(client, story, query):
    url = "/sections/technology/" + query
    client.get(url)
    assert queries_of(client, url)[0] > 0


def test_pages_of_a_list_are_cached_separately(client, story):
    client.get("/sections/technology/")
    assert client.get("/sections/technology/?page=2").status_code == 404
    assert queries_of(client, "/sections/technology/")[0] == 0


def test_a_reader_with_pending_messages_bypasses_the_cache(client, story):
    client.get("/")
    client.cookies["messages"] = "x"
    assert queries_of(client, "/")[0] > 0


@pytest.mark.parametrize(
    "personalise",
    [
        lambda response: response.set_cookie("csrftoken", "abc"),
        lambda response: response.headers.__setitem__("Vary", "Cookie"),
        lambda response: response.headers.__setitem__("Cache-Control", "private"),
    ],
)
def test_personal_responses_are_never_stored(rf, personalise):
    renders = []

    def view(request):
        page_shows("home")
        renders.append(request)
        response = HttpResponse(b"hello")
        personalise(response)
        return response

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/"))
    middleware(rf.get("/"))
    assert len(renders) == 2


def test_a_page_rendered_during_an_edit_is_not_stored(rf):
    renders = []

    def view(request):
        page_shows("home")
        renders.append(request)
        bump({"article:1"})  # an editor saves while this page renders
        return HttpResponse(b"maybe stale")

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/"))
    middleware(rf.get("/"))
    assert len(renders) == 2


def test_not_found_pages_are_not_stored(client, db):
    client.get("/sections/nope/")
    assert queries_of(client, "/sections/nope/")[0] > 0


def test_conditional_get_answers_304_by_etag_and_by_date(client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    by_etag = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert by_etag.status_code == 304 and by_etag.content == b""
    by_date = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_date.status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_an_edit_changes_the_etag_so_old_copies_revalidate_to_200(client, story):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    story.standfirst = "A new standfirst."
    story.save()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_hits_are_served_gzipped_to_clients_that_accept_it(client, story):
    url = story.get_absolute_url()
    plain = client.get(url)
    assert "Accept-Encoding" in plain["Vary"]
    compressed = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert compressed["ETag"] != plain["ETag"]
    revalidated = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": compressed["ETag"]}
    )
    assert revalidated.status_code == 304
    assert "Content-Encoding" not in client.get(url)


def test_head_is_answered_from_the_cache_without_a_body(client, story):
    url = story.get_absolute_url()
    body = client.get(url).content
    response = client.head(url)
    assert response.status_code == 200 and response.content == b""
    assert int(response["Content-Length"]) == len(body)


def test_public_pages_carry_cdn_friendly_cache_control(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    control = client.get("/")["Cache-Control"]
    assert control.startswith("public, ")
    assert "max-age=0," in control and "s-maxage=300" in control
    assert "stale-while-revalidate=30" in control


def test_with_the_cache_disabled_every_visit_renders(client, story, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    queries, response = queries_of(client, "/")
    assert queries > 0
    assert response["ETag"] and "s-maxage" in response["Cache-Control"]


def test_cdn_is_told_which_urls_to_purge_after_commit(
    client, story, author, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_CALLABLE = "tests.test_page_cache.record_purge"
    settings.SITE_URL = "https://news.example.com"
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Update"
        story.save()
    urls = set(purged[-1])
    base = "https://news.example.com"
    assert {
        base + story.get_absolute_url(),
        base + "/",
        base + "/feed/",
        base + "/sitemap.xml",
        base + "/sections/technology/",
        base + "/tags/privacy/",
        base + author.get_absolute_url(),
    } <= urls


def test_no_purge_is_attempted_without_a_configured_hook(story, django_capture_on_commit_callbacks):
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    assert purged == []


def test_warm_widget_fragments_make_a_page_miss_cheaper(client, story, settings):
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory(section=story.section)
    cold, first = queries_of(client, story.get_absolute_url())
    warm, second = queries_of(client, story.get_absolute_url())
    assert warm < cold
    assert warm <= 2  # the article, its widgets and the values every page shows are kept
    assert second.content == first.content


def test_a_fragment_does_not_outlive_the_next_scheduled_publication(client, story, settings):
    settings.PAGE_CACHE_ENABLED = False
    at = timezone.now() + timedelta(minutes=5)
    ArticleFactory(
        section=SectionFactory(slug="science"), headline="Timed release", published_at=at
    )
    assert "Timed release" not in client.get(story.get_absolute_url()).content.decode()
    with time_machine.travel(at + timedelta(seconds=1)):
        assert "Timed release" in client.get(story.get_absolute_url()).content.decode()


# The sitemap index counts and dates each of its five sitemaps (two queries each; the site
# sitemap's entries are read once), then the news sitemap.
@pytest.mark.parametrize(("url", "budget"), [("/feed/", 8), ("/sitemap.xml", 17)])
@pytest.mark.parametrize("size", [5, 40])
def test_feed_and_sitemap_stay_within_query_budget(
    client, section, url, budget, size, django_assert_max_num_queries
):
    authors = [AuthorFactory(slug=f"writer-{index}") for index in range(3)]
    for index in range(size):
        ArticleFactory(section=section, authors=authors[: index % 3 + 1], tags=["shared"])
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_pages_whose_view_did_not_opt_in_are_never_stored(rf):
    """A preview reuses the article template and its widgets, which record dependencies."""
    renders = []

    def preview(request):
        depends_on("nav", "article:1")
        renders.append(request)
        return HttpResponse(b"draft preview")

    middleware = PageCacheMiddleware(preview)
    first = middleware(rf.get("/preview/abc/"))
    middleware(rf.get("/preview/abc/"))
    assert len(renders) == 2
    assert "public" not in first.get("Cache-Control", "")


def test_a_cache_that_fails_quietly_still_renders_every_page(client, story, settings):
    """Like the tolerant Redis backend when Redis is down: nothing stored, nothing read."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for _ in range(2):
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert story.headline in response.content.decode()
