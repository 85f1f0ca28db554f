"""The "More in <Section>" widget: hand-picked first, then shared tags, then recency."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.related import related_articles
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _story(section, hours_ago, tags=(), **kwargs):
    return ArticleFactory(
        section=section,
        published_at=timezone.now() - timedelta(hours=hours_ago),
        tags=list(tags),
        **kwargs,
    )


def _fresh(article):
    return Article.objects.prefetch_related("tags").select_related("section").get(pk=article.pk)


def test_hand_picked_come_first_in_the_editors_order(section):
    other_section = SectionFactory(slug="elsewhere")
    picked_b = _story(other_section, 50)
    picked_a = _story(section, 40)
    newer = _story(section, 1)
    article = _story(section, 2, related=[picked_b, picked_a])
    assert related_articles(_fresh(article)) == [picked_b, picked_a, newer]


def test_fill_ranks_shared_tags_before_recency(section):
    article = _story(section, 5, tags=["ai", "chips", "policy"])
    two_shared_old = _story(section, 30, tags=["ai", "chips"])
    one_shared = _story(section, 20, tags=["ai"])
    none_shared_new = _story(section, 1)
    assert related_articles(_fresh(article), limit=3) == [
        two_shared_old,
        one_shared,
        none_shared_new,
    ]


def test_recency_breaks_ties(section):
    article = _story(section, 5)
    older = _story(section, 10)
    newer = _story(section, 1)
    assert related_articles(_fresh(article), limit=2) == [newer, older]


def test_never_the_article_itself_nor_unpublished_stories(section):
    article = _story(section, 5, tags=["ai"])
    draft = ArticleFactory(section=section, draft=True, tags=["ai"])
    scheduled = ArticleFactory(section=section, scheduled=True, tags=["ai"])
    article.related.add(draft, scheduled, through_defaults={"position": 0})
    public = _story(section, 3)
    assert related_articles(_fresh(article)) == [public]


def test_other_sections_do_not_fill_the_widget(section):
    article = _story(section, 5, tags=["ai"])
    _story(SectionFactory(slug="science"), 1, tags=["ai"])
    assert related_articles(_fresh(article)) == []


def test_child_section_stories_count_for_the_parent(section):
    child = SectionFactory(slug="gaming", parent=section)
    article = _story(section, 5)
    child_story = _story(child, 1)
    assert related_articles(_fresh(article)) == [child_story]


def test_widget_is_limited_and_deduplicated(section):
    article = _story(section, 50, tags=["x"])
    others = [_story(section, hours, tags=["x"]) for hours in range(1, 8)]
    article.related.add(others[3], through_defaults={"position": 0})
    result = related_articles(_fresh(article))
    assert len(result) == 4
    assert len(set(result)) == 4
    assert result[0] == others[3]


@pytest.mark.parametrize("size", [5, 60])
def test_widget_cost_is_fixed(section, size, django_assert_max_num_queries):
    article = _story(section, 0, tags=["a", "b"])
    for index in range(size):
        _story(section, index + 1, tags=["a"] if index % 2 else ["c"])
    article = _fresh(article)
    with django_assert_max_num_queries(2):
        related_articles(article)
