"""The read API: what anonymous and token callers see, filters, search, paging, caching."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import ApiToken
from articles.models import Article
from pages.models import Page
from tests.api_helpers import bearer, token_for
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    SectionFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db
ARTICLES = "/api/v1/articles/"


@pytest.fixture
def hidden(section, author):
    """One story of every kind that is not public, each findable by the word "zebra"."""
    now = timezone.now()
    common = {"section": section, "authors": [author], "tags": ["zebra"]}
    return [
        ArticleFactory(draft=True, headline="Draft zebra story", **common),
        ArticleFactory(scheduled=True, headline="Scheduled zebra story", **common),
        ArticleFactory(
            headline="Expired zebra story", unpublish_at=now - timedelta(minutes=1), **common
        ),
        ArticleFactory(
            headline="Unpublished zebra story", status=Article.Status.UNPUBLISHED, **common
        ),
        ArticleFactory(headline="Trashed zebra story", trashed_at=now, **common),
    ]


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_an_article_carries_its_structured_fields(client, article, settings):
    data = client.get(f"{ARTICLES}{article.pk}/").json()
    assert data["headline"] == article.headline
    assert data["url"] == f"{settings.SITE_URL}{article.get_absolute_url()}"
    assert data["byline"] == [
        {"id": a.pk, "name": a.name, "slug": a.slug} for a in [article.bylines.get().author]
    ]
    assert data["section"]["slug"] == "technology"
    assert data["tags"] == ["phones", "privacy"]
    assert data["seo"]["title"] == article.headline
    assert "<h2>What happened</h2>" in data["body"]
    assert data["status"] == "published"


def test_drafts_never_reach_anonymous_callers_through_any_endpoint(
    client, article, hidden, author, section
):
    CorrectionFactory(article=hidden[0])
    Page.objects.create(title="Secret draft page", slug="secret")
    queries = [
        "", "?q=zebra", "?tag=zebra", f"?author={author.slug}", f"?section={section.slug}",
        "?updated_since=2000-01-01T00:00:00Z", "?published_after=2000-01-01T00:00:00Z",
        "?published_before=2999-01-01T00:00:00Z", "?ordering=modified_at", "?limit=100",
    ]  # fmt: skip
    public = set(Article.objects.published().values_list("pk", flat=True))
    assert _ids(client.get(ARTICLES, {"limit": 100})) == public == {article.pk}
    for query in queries:
        assert _ids(client.get(ARTICLES + query)) <= public, query
    for story in hidden:
        assert client.get(f"{ARTICLES}{story.pk}/").status_code == 404
    assert _ids(client.get("/api/v1/corrections/")) == set()
    assert _ids(client.get("/api/v1/pages/")) == set()
    assert "zebra" not in {tag["name"] for tag in client.get("/api/v1/tags/").json()["results"]}


def test_an_editor_token_sees_drafts_and_a_contributor_token_only_their_own(
    client, hidden, section
):
    contributor = StaffUserFactory(role="Contributor")
    own = ArticleFactory(draft=True, headline="My own zebra", section=section)
    own.created_by = contributor
    own.save()
    editor_ids = _ids(client.get(ARTICLES + "?limit=100", **bearer(token_for(role="Editor"))))
    assert {story.pk for story in hidden if story.trashed_at is None} <= editor_ids
    mine = _ids(client.get(ARTICLES + "?q=zebra", **bearer(token_for(contributor))))
    assert own.pk in mine and not mine & {story.pk for story in hidden}
    contributor_token = bearer(token_for(contributor))
    assert client.get(f"{ARTICLES}{hidden[0].pk}/", **contributor_token).status_code == 404


def test_a_revoked_token_is_refused_at_once(client, article):
    secret = token_for(role="Editor")
    assert client.get(ARTICLES, **bearer(secret)).status_code == 200
    ApiToken.objects.get().revoke()
    response = client.get(ARTICLES, **bearer(secret))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(ARTICLES, **bearer("nr_made-up")).status_code == 401


def test_filters_narrow_the_list(client, section, author):
    other = SectionFactory()
    child = SectionFactory(parent=section)
    in_child = ArticleFactory(section=child, authors=[author], tags=["roads"])
    elsewhere = ArticleFactory(section=other)
    assert _ids(client.get(f"{ARTICLES}?section={section.slug}")) == {in_child.pk}
    assert _ids(client.get(f"{ARTICLES}?tag=roads")) == {in_child.pk}
    assert _ids(client.get(f"{ARTICLES}?author={author.slug}")) == {in_child.pk}
    later = (timezone.now() + timedelta(minutes=5)).isoformat()
    assert _ids(client.get(ARTICLES, {"updated_since": later})) == set()
    assert _ids(client.get(ARTICLES, {"published_before": later})) == {in_child.pk, elsewhere.pk}


def test_search_uses_the_site_rules(client, section):
    found = ArticleFactory(headline="Harbour bridge reopens", section=section)
    ArticleFactory(headline="Council budget", section=section)
    assert _ids(client.get(ARTICLES, {"q": "harbour"})) == {found.pk}
    response = client.get(ARTICLES, {"q": "x" * 201})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "q"


def test_cursor_pages_are_stable_when_stories_are_published_meanwhile(client, section):
    stories = [ArticleFactory(section=section) for _ in range(5)]
    first = client.get(ARTICLES, {"limit": 2}).json()
    ArticleFactory(section=section)  # newest: must not shift the next page
    second = client.get(ARTICLES, {"limit": 2, "cursor": first["next"]}).json()
    newest_first = sorted(stories, key=lambda a: (a.published_at, a.pk), reverse=True)
    assert [a["id"] for a in first["results"] + second["results"]] == [
        a.pk for a in newest_first[:4]
    ]
    bad = client.get(ARTICLES, {"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "cursor"


def test_etag_and_last_modified_answer_304(client, article):
    response = client.get(ARTICLES)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(ARTICLES, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(ARTICLES, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    detail = client.get(f"{ARTICLES}{article.pk}/")
    assert (
        client.get(f"{ARTICLES}{article.pk}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304
    )


def test_public_answers_are_kept_and_retired_by_an_edit(client, article, django_assert_num_queries):
    client.get(ARTICLES)
    with django_assert_num_queries(0):
        assert client.get(ARTICLES).status_code == 200
    article.headline = "A new headline"
    article.save()
    assert client.get(ARTICLES).json()["results"][0]["headline"] == "A new headline"


def test_unpublishing_removes_the_story_from_the_kept_list(client, article):
    assert _ids(client.get(ARTICLES)) == {article.pk}
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert _ids(client.get(ARTICLES)) == set()


@pytest.mark.parametrize("size", [2, 12])
def test_a_list_costs_the_same_queries_whatever_its_size(
    client, settings, size, django_assert_num_queries
):
    settings.FRAGMENT_CACHE_ENABLED = False
    section = SectionFactory()
    for n in range(size):
        ArticleFactory(
            section=section, authors=[AuthorFactory(), AuthorFactory()], tags=[f"t{n}", "x"]
        )
    # The articles, their bylines, their tags.
    with django_assert_num_queries(3):
        assert len(client.get(ARTICLES).json()["results"]) == size
    secret = token_for(role="Editor")
    # Plus the token, the user's permissions (user and groups) and its last use.
    with django_assert_num_queries(7):
        assert len(client.get(ARTICLES, **bearer(secret)).json()["results"]) == size


def test_other_lists_answer(client, article):
    CorrectionFactory(article=article)
    Page.objects.create(title="About us", slug="about", status=Page.Status.PUBLISHED)
    assert _ids(client.get("/api/v1/sections/")) == {article.section_id}
    assert len(_ids(client.get("/api/v1/authors/"))) == 1
    assert len(_ids(client.get("/api/v1/tags/"))) == 2
    assert len(_ids(client.get("/api/v1/corrections/"))) == 1
    page = client.get("/api/v1/pages/").json()["results"][0]
    assert client.get(f"/api/v1/pages/{page['id']}/").json()["title"] == "About us"


def test_anonymous_callers_are_rate_limited(client, settings, article):
    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 3
    for _ in range(3):
        assert client.get(ARTICLES).status_code == 200
    response = client.get(ARTICLES)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(ARTICLES, **bearer(token_for())).status_code == 200


def test_cors_allows_only_the_configured_origins(client, settings, article):
    settings.API_CORS_ORIGINS = ["https://app.example"]
    allowed = client.get(ARTICLES, HTTP_ORIGIN="https://app.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example"
    other = client.get(ARTICLES, HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        ARTICLES,
        HTTP_ORIGIN="https://app.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
    )
    assert preflight.status_code == 204
    assert "If-Match" in preflight["Access-Control-Allow-Headers"]


def test_bad_parameters_are_problems_naming_the_field(client):
    response = client.get(ARTICLES, {"updated_since": "yesterday", "limit": "0"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {error["field"] for error in response.json()["errors"]} == {"updated_since", "limit"}


def test_docs_page_and_schema(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/articles/" in schema["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"/api/v1/articles/" in docs.content and b"<script" not in docs.content


def test_times_without_an_offset_are_read_in_the_site_time_zone(client, article):
    assert _ids(client.get(ARTICLES, {"published_after": "2000-01-01T00:00:00"})) == {article.pk}
