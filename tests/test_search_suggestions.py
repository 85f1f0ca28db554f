"""The words "Did you mean" chooses from (search/words.py): kept as stories change, and looked
up through their own trigram index instead of every public headline (PostgreSQL)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from search.engine import suggest
from search.models import SuggestionWord
from search.words import rebuild_words
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm suggestions"),
]


def words() -> set[str]:
    return set(SuggestionWord.objects.values_list("word", flat=True))


def test_a_live_storys_headline_and_tag_words_are_listed_and_a_drafts_are_not(db):
    ArticleFactory(headline="Lighthouse keepers vote on 2027 rota", tags=["Coastal Safety"])
    ArticleFactory(draft=True, headline="Embargoed merger", tags=["acquisitions"])
    assert {"lighthouse", "keepers", "vote", "rota", "coastal", "safety"} <= words()
    assert not words() & {"embargoed", "merger", "acquisitions", "2027", "on"}


def test_a_new_headline_or_tag_adds_its_words(db):
    story = ArticleFactory(headline="Plain words")
    story.headline = "Glassblowers reopen the furnace"
    story.save()
    story.tags.add("artisans")
    assert {"glassblowers", "furnace", "artisans"} <= words()


def test_a_story_going_live_by_a_status_save_brings_its_words(db):
    story = ArticleFactory(draft=True, headline="Beekeepers count the winter losses")
    assert "beekeepers" not in words()
    story.status = Article.Status.PUBLISHED
    story.save(update_fields=["status"])
    assert "beekeepers" in words()
    story.trashed_at = timezone.now()
    story.save(update_fields=["trashed_at"])
    rebuild_words()
    assert "beekeepers" not in words()
    story.trashed_at = None
    story.save(update_fields=["trashed_at"])
    assert "beekeepers" in words(), "back from the trash"


def test_a_suggestion_comes_from_the_list_and_only_if_it_finds_a_public_story(db):
    ArticleFactory(headline="Glassblowers reopen the furnace")
    pulled = ArticleFactory(headline="Cartographers map the reef")
    assert suggest("glasblowers") == "glassblowers"
    assert suggest("cartografers") == "cartographers"
    Article.objects.filter(pk=pulled.pk).update(status=Article.Status.UNPUBLISHED)
    assert "cartographers" in words(), "kept until the next rebuild"
    assert suggest("cartografers") is None, "it finds no public story"


def test_the_lookup_reads_the_word_list_not_the_articles(db):
    ArticleFactory(headline="Glassblowers reopen the furnace")
    with CaptureQueriesContext(connection) as captured:
        assert suggest("xylophone") is None  # nothing close: no story is searched at all
    sqls = [query["sql"] for query in captured.captured_queries]
    assert sqls and not any("articles_article" in sql for sql in sqls), sqls


def test_a_rebuild_drops_the_words_no_live_story_uses(db):
    story = ArticleFactory(headline="Cartographers map the reef")
    Article.objects.filter(pk=story.pk).update(headline="Surveyors map the reef")
    assert "cartographers" in words()
    assert rebuild_words() == len(words())
    assert "cartographers" not in words() and "surveyors" in words()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert f"{len(words())} suggestion words" in out.getvalue()
