"""Quoted phrases answered through the word-pair index (PostgreSQL; see docs/search.md).

`articles_article.search_pairs` (kept by a trigger from `search_vector`, GIN-indexed) holds
each pair of adjacent lexemes; `search_phrase_pairs(query)` asks for the pairs a query's
required phrases need. The pairs are only a pre-filter: every result must be exactly what the
plain match finds.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from search.engine import matching, search_articles
from search.index import update_search_vector
from search.query import text_search_config
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="word-pair index: PostgreSQL full text only"
    ),
]

LONG_A = "pneumonoultramicroscopicsilicovolcanoconiosis"
LONG_B = "supercalifragilisticexpialidociously"

STORIES = [
    ("Small team wins the cup", "A small side.", "<p>The small team of the art school won.</p>"),
    ("Team small", "Small, then team.", "<p>A team that is small. Small teams rarely win.</p>"),
    ("State of the art", "The state of the art in radar.", "<p>State-of-the-art kit.</p>"),
    ("The art of the state", "Art and state.", "<p>Every state has art.</p>"),
    ("Café au lait", "Crème brûlée too.", "<p>A café au lait, then crème brûlée.</p>"),
    ("Punctuation", "One, two; three!", "<p>one, two! three... four</p>"),
    ("Boundary small", "Team spirit.", "<p>Nothing else.</p>"),
    ("Well-known fact", "A well-known fact.", "<p>It is well known.</p>"),
    ("Links", "See it.", "<p>Visit http://example.com/a_b now, or mail foo_bar@example.com.</p>"),
    ("Apostrophes", "O'Neil said it's fine.", "<p>O'Neil's dog.</p>"),
    ("Very very", "It was very very small.", "<p>Very small team.</p>"),
    ("Long words", f"{LONG_A} {LONG_B}", f"<p>{LONG_B} {LONG_A}</p>"),
    ("Harbour crane collapses", "", "<p>The harbour crane fell on the small team.</p>"),
]

QUERIES = [
    '"small team"',
    '"team small"',
    '"small teams"',
    '"state of the art"',
    '"the art of the state"',
    '"state-of-the-art"',
    '"art state"',
    '"small team" "harbour crane"',
    '"small team" crane',
    '"small team" -"harbour crane"',
    '-"small team"',
    'crane -"small team"',
    '"small team" or "state of the art"',
    'crane or "small team"',
    '"café au lait"',
    '"cafe au lait"',
    '"crème brûlée"',
    '"one two three"',
    '"two three four"',
    '"one, two! three"',
    '"small team spirit"',
    '"cup small"',
    '"boundary small team"',
    '"well-known fact"',
    '"well known"',
    '"example.com/a_b"',
    '"foo_bar@example.com"',
    '"a b"',
    '"o\'neil said"',
    '"it\'s fine"',
    '"very very small"',
    '"very small"',
    f'"{LONG_A} {LONG_B}"',
    f'"{LONG_B} {LONG_A}"',
    f'"{LONG_A} {LONG_A}"',
    '"small team',
    '"the"',
    '"small"',
    '""',
    '"small & team" | ( crane )',
    '"small:* team"',
    "small team",
]


def _ids(query: str) -> tuple[list[int], list[int]]:
    every = sorted(matching(Article.objects.all(), query).values_list("pk", flat=True))
    found = [article.pk for article in search_articles(query)]
    return every, found


@pytest.fixture
def stories(db):
    section = SectionFactory()
    return {
        headline: ArticleFactory(headline=headline, standfirst=dek, body=body, section=section)
        for headline, dek, body in STORIES
    }


def test_every_query_finds_exactly_what_the_plain_match_finds(stories, monkeypatch):
    with_pairs = {query: _ids(query) for query in QUERIES}
    monkeypatch.setattr("search.backends.postgres.USE_WORD_PAIRS", False)
    without_pairs = {query: _ids(query) for query in QUERIES}
    assert with_pairs == without_pairs
    # The comparison means something: phrases do find stories, and reject near misses.
    headlines = {a.pk: a.headline for a in stories.values()}
    # "Small teams" stems to the phrase; a headline's last word and the standfirst's first are
    # adjacent in the stored vector, today as before.
    assert {headlines[pk] for pk in with_pairs['"small team"'][0]} == {
        "Small team wins the cup",
        "Team small",
        "Boundary small",
        "Very very",
        "Harbour crane collapses",
    }
    assert {headlines[pk] for pk in with_pairs['"state of the art"'][0]} == {"State of the art"}
    assert {headlines[pk] for pk in with_pairs['"boundary small team"'][0]} == {"Boundary small"}
    assert {headlines[pk] for pk in with_pairs[f'"{LONG_A} {LONG_B}"'][0]} == {"Long words"}
    assert {headlines[pk] for pk in with_pairs[f'"{LONG_B} {LONG_A}"'][0]} == {"Long words"}
    assert with_pairs[f'"{LONG_A} {LONG_A}"'][0] == []
    assert {headlines[pk] for pk in with_pairs['"café au lait"'][0]} == {"Café au lait"}
    assert {headlines[pk] for pk in with_pairs['"one, two! three"'][0]} == {"Punctuation"}


def _pairs(query: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_phrase_pairs(websearch_to_tsquery('english', %s))::text", [query]
        )
        return cursor.fetchone()[0]


def test_only_required_phrases_ask_for_pairs(db):
    assert _pairs('"small team"') == "'small_team' | '_'"
    assert _pairs('players "small teams" -"big data"') == "'small_team' | '_'"
    assert _pairs('"well-known fact"') == ("'known_fact' & 'well-known_well' & 'well_known' | '_'")
    # A stop word between two words leaves no adjacent pair to ask for.
    assert _pairs('"state of the art"') is None
    assert _pairs('"state of the art fair"') == "'art_fair' | '_'"
    for query in ('-"small team"', '"small team" or crane', "small team", '"the"', ""):
        assert _pairs(query) is None, query


def test_a_long_pair_is_hashed_the_same_way_on_both_sides(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_word_pairs(to_tsvector('simple', %s))::text, "
            "search_phrase_pairs(websearch_to_tsquery('simple', %s))::text",
            [f"{LONG_A} {LONG_B}", f'"{LONG_A} {LONG_B}"'],
        )
        stored, asked = cursor.fetchone()
    assert "_" not in stored and len(stored) == 34  # 'md5 hex'
    assert asked == f"{stored} | '_'"


def _stored_pairs(pk: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_pairs::text FROM articles_article WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_pairs_follow_every_write_of_the_vector(db):
    story = ArticleFactory(headline="Plain", body="<p>The ferry captain waved.</p>")
    assert [a.pk for a in search_articles('"ferry captain"')] == [story.pk]
    story.body = "<p>The captain of the ferry waved.</p>"
    story.save()
    assert list(search_articles('"ferry captain"')) == []
    # Bulk writes (the WordPress import, seed_bench) announce their ids, then this runs.
    Article.objects.filter(pk=story.pk).update(body="<p>A ferry captain again.</p>")
    update_search_vector([story.pk])
    assert [a.pk for a in search_articles('"ferry captain"')] == [story.pk]
    # Raw SQL, as rebuild_search_index's predecessors or a restore script might write it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET search_vector = to_tsvector('english', 'Otter pups') "
            "WHERE id = %s",
            [story.pk],
        )
    assert _stored_pairs(story.pk) == "'otter_pup'"
    # A save that leaves the vector as it was keeps the pairs; a missing vector has none.
    Article.objects.filter(pk=story.pk).update(search_vector=None)
    assert _stored_pairs(story.pk) is None
    bulk = Article.objects.bulk_create([Article(headline="B", slug="b", section=story.section)])
    assert _stored_pairs(bulk[0].pk) is None
    update_search_vector([bulk[0].pk])
    assert _stored_pairs(bulk[0].pk) is not None


def test_the_migration_fills_the_pairs_of_existing_stories(db):
    from importlib import import_module

    migration = import_module("articles.migrations.0012_search_word_pairs")
    stories = [ArticleFactory(body=f"<p>Story {n} of the heron count.</p>") for n in range(5)]
    with connection.cursor() as cursor:
        # Not a write of search_vector: the trigger leaves this alone.
        cursor.execute("UPDATE articles_article SET search_pairs = NULL")
    assert list(search_articles('"heron count"')) == []
    with connection.schema_editor() as editor:
        migration.fill(editor, batch=2)
    assert all("'heron_count'" in _stored_pairs(story.pk) for story in stories)
    assert len(search_articles('"heron count"')) == 5


def test_a_story_with_too_many_pairs_still_saves_and_is_found(db):
    """17,000 distinct 29-letter words: their pairs pass the 1 MB a vector may hold, so the
    story gets the "check me exactly" lexeme instead of failing to save."""
    words = [f"w{n:06d}" + "x" * 22 for n in range(17_000)]
    story = ArticleFactory(headline="Huge", body="<p>" + " ".join(words) + "</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_pairs::text FROM articles_article WHERE id = %s",
            [story.pk],
        )
        assert cursor.fetchone()[0] == "'_'"
    assert [a.pk for a in search_articles(f'"{words[10]} {words[11]}"')] == [story.pk]
    assert list(search_articles(f'"{words[11]} {words[10]}"')) == []


def _plan(query: str) -> str:
    sql, params = matching(Article.objects.all(), query).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _pairs_plan(query: str) -> str:
    """The plan of the word-pairs condition alone."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM articles_article WHERE search_pairs @@ "
            "search_phrase_pairs(websearch_to_tsquery(%s::regconfig, %s))",
            [text_search_config(), query],
        )
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_pairs_index_answers_a_phrase_and_other_queries_are_unchanged(db):
    section = SectionFactory()
    Article.objects.bulk_create(
        Article(
            headline=f"Bulk {n}",
            slug=f"bulk-{n}",
            body="<p>" + ("small team " if n % 50 == 0 else "small river team ") * 30 + "</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=1),
        )
        for n in range(500)
    )
    update_search_vector(Article.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    # The phrase asks for its pairs, and the pairs index can answer that condition. Whether
    # PostgreSQL combines it with the words' index for these 500 rows is its cost estimate's
    # choice (it varies with the table's statistics), so the index is asked on its own.
    assert "search_pairs" in _plan('"small team"')
    assert "article_search_pairs_idx" in _pairs_plan('"small team"')
    # The exact match is checked on the pairs' candidates, not intersected with the words'
    # index (which, for common words, holds most of the archive).
    phrase_plan = _plan('"small team"')
    assert "article_search_pairs_idx" in phrase_plan
    assert "article_search_vector_idx" not in phrase_plan
    assert "article_search_vector_idx" in _plan("small team"), "words alone use their index"
    # The condition is folded away while planning when no pair is required.
    for query in ('"small team" or crane', '-"small team" river', '"small the team"'):
        assert "search_pairs" not in _plan(query), query
    assert len(search_articles('"small team"')) == 10


def test_the_plan_choice_trusts_the_pairs_estimate_over_the_product():
    from search.backends.postgres import estimated_rows

    pairs = {"Node Type": "Bitmap Index Scan", "Index Name": "article_search_pairs_idx"}
    words = {"Node Type": "Bitmap Index Scan", "Index Name": "article_search_vector_idx"}
    plan = {
        "Node Type": "Limit",
        "Plan Rows": 3407,
        "Plans": [
            {
                "Node Type": "BitmapAnd",
                "Plan Rows": 3400,
                "Plans": [{**pairs, "Plan Rows": 33466}, {**words, "Plan Rows": 11022}],
            }
        ],
    }
    # A common pair: both indexes say more than the product, the smaller one is used.
    assert estimated_rows(plan) == 11022
    # A common pair with a rare word: the words' index bounds it, the product stays.
    plan["Plans"][0]["Plans"][1]["Plan Rows"] = 20
    assert estimated_rows(plan) == 3407
    # Without the words' index in the plan, the pairs' estimate.
    plan["Plans"][0]["Plans"].pop()
    assert estimated_rows(plan) == 33466
    assert estimated_rows({"Node Type": "Seq Scan", "Plan Rows": 12}) == 12
