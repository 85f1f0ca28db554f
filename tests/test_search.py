"""Reader search at /search/ and the admin search box, on PostgreSQL and on SQLite."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, TaggedArticle
from search.engine import highlight, search_articles, suggest
from search.query import SearchFilters, parse_query
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search (ranking, websearch syntax, pg_trgm suggestions)",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite fallback scan is only used on SQLite"
)


def found(query: str, **filters) -> list[str]:
    return [a.headline for a in search_articles(query, SearchFilters(**filters))]


def page(client, **params):
    return client.get("/search/", params)


# What readers find ----------------------------------------------------------------------------


def test_search_finds_a_public_story_by_a_word_of_its_body(client):
    ArticleFactory(headline="Council budget", body="<p>The ferryman strike ended at dawn.</p>")
    ArticleFactory(headline="Unrelated story", body="<p>Nothing to see.</p>")
    response = page(client, q="ferryman")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Council budget" in html
    assert "Unrelated story" not in html
    assert "1 result for" in html
    assert "<mark>ferryman</mark>" in html.lower()


def test_drafts_scheduled_and_unpublished_stories_are_never_found(client):
    ArticleFactory(draft=True, headline="Zanzibarine draft", body="<p>zanzibarine secret</p>")
    ArticleFactory(scheduled=True, headline="Zanzibarine embargo", body="<p>zanzibarine</p>")
    ArticleFactory(
        status=Article.Status.UNPUBLISHED, headline="Zanzibarine pulled", body="<p>x</p>"
    )
    html = page(client, q="zanzibarine").content.decode()
    assert "Zanzibarine" not in html
    assert "No results" in html
    assert found("zanzibarine") == []
    assert suggest("zanzibarin") is None


def test_a_scheduled_story_becomes_searchable_at_its_time(client, time_machine):
    story = ArticleFactory(scheduled=True, headline="Quokkas at dawn", tags=["wildlife"])
    assert found("quokkas") == []
    time_machine.move_to(story.published_at + timedelta(minutes=1))
    assert found("quokkas") == ["Quokkas at dawn"]


def test_search_matches_tags(client):
    ArticleFactory(headline="A story", tags=["heliography"])
    assert found("heliography") == ["A story"]


def test_exclusion_and_phrases_work(db):
    ArticleFactory(headline="Harbour crane collapses", body="<p>The harbour crane fell.</p>")
    ArticleFactory(headline="Crane birds return", body="<p>Birds came back to the marsh.</p>")
    assert found("crane -harbour") == ["Crane birds return"]
    assert found('"harbour crane"') == ["Harbour crane collapses"]
    assert found('"crane harbour"') == []


def test_or_between_words_finds_either(db):
    ArticleFactory(headline="Puffins nest early")
    ArticleFactory(headline="Gannets dive deep")
    ArticleFactory(headline="Other seabirds")
    assert sorted(found("puffins or gannets")) == ["Gannets dive deep", "Puffins nest early"]


def test_filters_narrow_by_section_author_and_dates(db):
    tech = SectionFactory(name="Technology", slug="technology")
    gaming = SectionFactory(name="Gaming", slug="gaming", parent=tech)
    science = SectionFactory(name="Science", slug="science")
    ada = AuthorFactory(name="Ada Stone", slug="ada-stone")
    now = timezone.now()
    ArticleFactory(headline="Lanterns in tech", section=tech, authors=[ada])
    ArticleFactory(headline="Lanterns in games", section=gaming, published_at=now - timedelta(60))
    ArticleFactory(headline="Lanterns in science", section=science)
    assert sorted(found("lanterns", section=tech)) == ["Lanterns in games", "Lanterns in tech"]
    assert found("lanterns", author=ada) == ["Lanterns in tech"]
    recent = found("lanterns", date_from=(now - timedelta(days=7)).date())
    assert sorted(recent) == ["Lanterns in science", "Lanterns in tech"]
    assert found("lanterns", date_to=(now - timedelta(days=30)).date()) == ["Lanterns in games"]


def test_filters_and_query_stay_in_the_form(client):
    SectionFactory(name="Science", slug="science")
    html = page(client, q='lanterns "at night"', section="science").content.decode()
    assert 'value="lanterns &quot;at night&quot;"' in html
    assert '<option value="science" selected>' in html


def test_results_paginate_and_keep_the_query(client):
    for number in range(23):
        ArticleFactory(headline=f"Marmot report {number}")
    first = page(client, q="marmot").content.decode()
    assert "23 results" in first and "Page 1 of 2" in first
    assert 'href="?q=marmot&amp;page=2"' in first
    second = page(client, q="marmot", page=2).content.decode()
    assert second.count('class="teaser search-result"') == 3


def test_a_very_common_word_shows_the_newest_matches_and_says_so(client, monkeypatch):
    monkeypatch.setattr("search.engine.RESULT_LIMIT", 3)
    monkeypatch.setattr("search.views.RESULT_LIMIT", 3)
    for number in range(4):
        ArticleFactory(
            headline=f"Heron count {number}",
            published_at=timezone.now() - timedelta(days=number + 1),
        )
    assert sorted(found("heron")) == ["Heron count 0", "Heron count 1", "Heron count 2"]
    html = page(client, q="heron").content.decode()
    assert "More than 3 results" in html
    assert "Showing the 3 most recent matches" in html


def test_snippets_escape_stored_text_and_only_add_mark(db):
    ArticleFactory(
        headline="Escaping <check> and a literal <mark> quasar AT&amp;T",
        body="<p>Write &lt;script&gt;alert(1)&lt;/script&gt; and the word quasar &amp; more.</p>",
    )
    articles = list(search_articles("quasar"))
    highlight(articles, "quasar")
    snippet = str(articles[0].search_snippet)
    assert "<mark>quasar</mark>" in snippet
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet
    assert "&amp; more" in snippet
    assert "<p>" not in snippet
    assert str(articles[0].search_headline) == (
        "Escaping &lt;check&gt; and a literal &lt;mark&gt; <mark>quasar</mark> AT&amp;amp;T"
    )


def test_header_has_a_labelled_search_box(client, db):
    html = client.get("/").content.decode()
    assert '<form class="search-box" role="search" action="/search/"' in html
    assert '<label for="site-search">Search stories</label>' in html


def test_search_page_is_not_indexed_by_search_engines(client, db):
    assert '<meta name="robots" content="noindex">' in page(client, q="x").content.decode()


# Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!! ??? ... ,,,",
        '"unbalanced quote',
        'a "b" "c',
        "null\x00byte",
        "\x00",
        "😀🔥 emoji",
        "中文搜索 新闻",
        "-",
        "or",
        "--- or -",
        "'; DROP TABLE articles_article; --",
        "&:*|!()<->",
        "\\",
    ],
)
def test_hostile_queries_answer_200_with_a_message(client, query):
    ArticleFactory(headline="A public story")
    response = page(client, q=query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No results" in html or "Search the archive" in html or "result" in html


def test_nul_bytes_are_stripped_and_the_rest_is_searched(client):
    ArticleFactory(headline="Walrus census")
    response = page(client, q="walrus\x00census")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Walrus</mark> <mark>census</mark>" in html
    assert 'value="walrus census"' in html and "\x00" not in html


def test_a_10kb_query_is_refused_with_a_message(client, db):
    response = page(client, q="word " * 2048)
    assert response.status_code == 400
    assert "Please shorten your search to 200 characters" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x", "page": "abc"}, "The page number must be a whole number."),
        ({"q": "x", "page": "0"}, "greater than or equal to 1"),
        ({"q": "x", "page": "99999999999999999999"}, "less than or equal to 500"),
        ({"q": "x", "date_from": "2026-02-31"}, "Enter a valid date."),
        ({"q": "x", "date_from": "2026-03-02", "date_to": "2026-03-01"}, "on or before"),
    ],
)
def test_malformed_parameters_answer_400_with_a_message(client, db, params, message):
    response = page(client, **params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"section": "zzz"}, "There is no section “zzz”: showing results from all sections."),
        ({"author": "nobody\x00"}, "There is no author “nobody ”: showing results from all"),
        ({"section": "zzz", "author": "x"}, "There is no author “x”"),
    ],
)
def test_unknown_filters_are_ignored_with_a_message(client, params, message):
    ArticleFactory(headline="Anchovy shoals return")
    response = page(client, q="anchovy", **params)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<mark>Anchovy</mark> shoals return" in html


@postgresql_only
def test_a_cancelled_search_answers_200_and_asks_to_narrow_it(client, monkeypatch):
    """A phrase whose words are in 2,000 stories, never two apart: PostgreSQL must check word
    positions in every one (many milliseconds), so a 1 ms limit always cancels it. The stop
    word inside leaves no adjacent pair for the word-pair index to answer from."""
    from search.index import update_search_vector

    monkeypatch.setattr("search.backends.postgres.TIMEOUT_MS", 1)
    section = SectionFactory()
    published = timezone.now() - timedelta(hours=1)
    Article.objects.bulk_create(
        Article(
            headline=f"Bulk {n}",
            slug=f"bulk-{n}",
            body="<p>" + "otter river survey " * 40 + "</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=published,
        )
        for n in range(2000)
    )
    update_search_vector(Article.objects.values_list("pk", flat=True))
    response = page(client, q='"survey the otter"')
    assert response.status_code == 200
    assert "This search is too broad" in response.content.decode()
    assert page(client, q="otter").status_code == 200


def test_a_page_past_the_end_answers_200_with_a_message(client):
    ArticleFactory(headline="Ibex sighting")
    response = page(client, q="ibex", page=7)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is no page 7 of results" in html
    assert "Go to the first page" in html


def test_search_page_with_no_query_invites_a_search(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Search the archive" in response.content.decode()


# Cost ----------------------------------------------------------------------------------------


def test_search_page_query_count_stays_flat_as_results_grow(client, db):
    section = SectionFactory(name="Technology", slug="technology")
    for _ in range(3):
        ArticleFactory(headline="Kestrel news", section=section, tags=["birds"])
    small = queries_for(client, "/search/?q=kestrel")
    for _ in range(25):
        ArticleFactory(
            headline="Kestrel news",
            section=SectionFactory(),
            authors=[AuthorFactory(), AuthorFactory()],
            tags=["birds", "news"],
        )
    large = queries_for(client, "/search/?q=kestrel")
    assert small == large
    # Navigation, two filter lists, match ids (PostgreSQL: plus a savepoint pair, the plan
    # estimate and the plan choice), count, ranked page, bylines, snippets; brand, menus and
    # the live stories, read once on a cold cache.
    assert large <= (15 if connection.vendor == "postgresql" else 11)


# Admin ---------------------------------------------------------------------------------------


def test_admin_article_search_uses_the_engine_and_includes_drafts(admin_client):
    client = admin_client
    ArticleFactory(draft=True, headline="Budget draft", body="<p>The narwhal clause.</p>")
    ArticleFactory(headline="Other story", body="<p>Nothing here.</p>")
    response = client.get("/admin/articles/article/", {"q": "narwhal"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Budget draft" in html and "Other story" not in html
    assert client.get("/admin/articles/article/", {"q": 'bad\x00 "quote'}).status_code == 200


# The query parser shared by the SQLite scan and snippets ---------------------------------------


def test_parse_query_understands_websearch_syntax():
    parsed = parse_query('solar "power grid" -coal or wind')
    assert parsed.alternatives == [(["solar", "power grid"], ["coal"]), (["wind"], [])]
    assert parse_query('"unbalanced phrase').alternatives == [(["unbalanced phrase"], [])]
    assert not parse_query("!!! ... -")
    assert not parse_query("-only")


# PostgreSQL ---------------------------------------------------------------------------------


@postgresql_only
def test_a_headline_match_ranks_above_a_newer_body_match(db):
    ArticleFactory(
        headline="Glaciers retreat faster",
        body="<p>Ice sheets.</p>",
        published_at=timezone.now() - timedelta(days=200),
    )
    ArticleFactory(headline="Mountain weekly", body="<p>We talked about glaciers.</p>")
    assert found("glaciers") == ["Glaciers retreat faster", "Mountain weekly"]


@postgresql_only
def test_a_newer_story_ranks_above_an_equal_older_one(db):
    ArticleFactory(headline="Tidal power plan", published_at=timezone.now() - timedelta(days=900))
    ArticleFactory(headline="Tidal power plan again")
    assert found("tidal") == ["Tidal power plan again", "Tidal power plan"]


@postgresql_only
def test_stemming_finds_other_forms_of_a_word(db):
    ArticleFactory(headline="Farmers are harvesting early")
    assert found("harvest") == ["Farmers are harvesting early"]


@postgresql_only
def test_did_you_mean_suggests_a_public_headline_word(client):
    ArticleFactory(headline="Parliament debates privacy law")
    ArticleFactory(draft=True, headline="Parliamentarians secret draft")
    html = page(client, q="privcy").content.decode()
    assert "Did you mean" in html
    assert 'href="?q=privacy"' in html
    assert suggest("parlament") == "parliament"


@postgresql_only
def test_did_you_mean_uses_tags_of_public_stories_only(db):
    ArticleFactory(headline="A story", tags=["cryptography"])
    ArticleFactory(draft=True, headline="Hidden", tags=["astronomy"])
    assert suggest("cryptograpy") == "cryptography"
    assert suggest("astronmy") is None


@postgresql_only
def test_vector_follows_tag_byline_and_author_changes(db):
    article = ArticleFactory(headline="Plain headline")
    article.tags.add("volcanology")
    assert found("volcanology") == ["Plain headline"]
    article.tags.remove("volcanology")
    assert found("volcanology") == []
    author = AuthorFactory(name="Zelda Quarrington")
    article.bylines.create(author=author, position=1)
    assert found("quarrington") == ["Plain headline"]
    author.name = "Zelda Fairweather"
    author.save()
    assert found("quarrington") == [] and found("fairweather") == ["Plain headline"]
    article.bylines.all().delete()
    assert found("fairweather") == []


@postgresql_only
def test_deleting_a_tag_removes_it_from_the_vector(db):
    from taggit.models import Tag

    ArticleFactory(headline="Plain headline", tags=["ornithology"])
    assert found("ornithology") == ["Plain headline"]
    Tag.objects.get(name="ornithology").delete()
    assert found("ornithology") == []


@postgresql_only
def test_a_status_only_save_does_not_recompute_the_vector(db):
    article = ArticleFactory(headline="Plain headline")
    article.status = Article.Status.UNPUBLISHED
    with CaptureQueriesContext(connection) as captured:
        article.save(update_fields=["status"])
    # Other reactions (cache invalidation) may read; nothing may rebuild the vector.
    assert not [q["sql"] for q in captured if "search_vector" in q["sql"]]


@postgresql_only
def test_editing_a_story_updates_its_vector(db):
    article = ArticleFactory(headline="Old headline")
    article.headline = "Hedgehog headline"
    article.save()
    assert found("hedgehog") == ["Hedgehog headline"]


@postgresql_only
def test_rebuild_search_index_fills_vectors_after_bulk_inserts(db):
    section = SectionFactory()
    Article.objects.bulk_create(
        Article(
            headline=f"Bulk {n}",
            slug=f"bulk-{n}",
            body="<p>The axolotl returns.</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=1),
        )
        for n in range(5)
    )
    first = Article.objects.get(slug="bulk-0")
    TaggedArticle.objects.create(content_object=first, tag=_tag("mudskipper"))
    assert found("axolotl") == []
    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=out)
    assert "5/5 articles" in out.getvalue() and "Done: 5 search vectors rebuilt" in out.getvalue()
    assert len(found("axolotl")) == 5
    assert found("mudskipper") == ["Bulk 0"]


def _tag(name):
    from taggit.models import Tag

    return Tag.objects.create(name=name, slug=name)


@postgresql_only
def test_stop_words_only_query_finds_nothing_without_error(client):
    ArticleFactory(headline="The and of")
    response = page(client, q="the and of")
    assert response.status_code == 200
    assert "No results" in response.content.decode()


# SQLite -------------------------------------------------------------------------------------


@sqlite_only
def test_sqlite_fallback_ranks_newest_first_and_cuts_snippets(db):
    ArticleFactory(
        headline="Old owls", body="<p>owls</p>", published_at=timezone.now() - timedelta(days=9)
    )
    ArticleFactory(headline="Story", body="<p>" + "filler " * 40 + "night owls hunt.</p>")
    articles = list(search_articles("owls"))
    assert [a.headline for a in articles] == ["Story", "Old owls"]
    highlight(articles, "owls")
    assert "night <mark>owls</mark> hunt." in articles[0].search_snippet
    assert articles[0].search_snippet.startswith("… ")


@sqlite_only
def test_sqlite_has_no_suggestions_and_rebuild_says_nothing_to_do(db):
    ArticleFactory(headline="Parliament debates")
    assert suggest("parlament") is None
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Nothing to do" in out.getvalue()
