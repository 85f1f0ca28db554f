"""The "More in <Section>" widget: hand-picked first, then the section's stories chosen by shared
tags and shown newest first, then the parent section's and the latest stories, each labelled."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.related import more_stories, related_articles
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _story(section, hours_ago, tags=(), **kwargs):
    return ArticleFactory(
        section=section,
        published_at=timezone.now() - timedelta(hours=hours_ago),
        tags=list(tags),
        **kwargs,
    )


def pks(stories) -> list[int]:
    """The widget's stories are rows (`TextCard`), the tests' are articles: compare ids."""
    return [story.pk for story in stories]


def _fresh(article):
    return (
        Article.objects.prefetch_related("tags")
        .select_related("section__parent")
        .get(pk=article.pk)
    )


def test_hand_picked_come_first_in_the_editors_order(section):
    other_section = SectionFactory(slug="elsewhere")
    picked_b = _story(other_section, 50)
    picked_a = _story(section, 40)
    newer = _story(section, 1)
    article = _story(section, 2, related=[picked_b, picked_a])
    assert pks(related_articles(_fresh(article))) == pks([picked_b, picked_a, newer])


def test_fill_chooses_by_shared_tags_and_shows_newest_first(section):
    article = _story(section, 5, tags=["ai", "chips", "policy"])
    two_shared_old = _story(section, 30, tags=["ai", "chips"])
    one_shared = _story(section, 20, tags=["ai"])
    _story(section, 1)  # newest, shares nothing: left out
    assert pks(related_articles(_fresh(article), limit=2)) == pks([one_shared, two_shared_old])


def test_recency_breaks_ties(section):
    article = _story(section, 5)
    older = _story(section, 10)
    newer = _story(section, 1)
    assert pks(related_articles(_fresh(article), limit=2)) == pks([newer, older])


def test_never_the_article_itself_nor_unpublished_stories(section):
    article = _story(section, 5, tags=["ai"])
    draft = ArticleFactory(section=section, draft=True, tags=["ai"])
    scheduled = ArticleFactory(section=section, scheduled=True, tags=["ai"])
    article.related.add(draft, scheduled, through_defaults={"position": 0})
    public = _story(section, 3)
    assert pks(related_articles(_fresh(article))) == pks([public])


def test_a_quiet_section_fills_up_with_the_latest_stories_labelled_as_such(section):
    article = _story(section, 5, tags=["ai"])
    same = _story(section, 9)
    science = SectionFactory(slug="science", name="Science")
    latest = [_story(science, hours) for hours in (1, 2, 3, 4)]
    groups = more_stories(_fresh(article))
    assert [(group.title, pks(group.stories)) for group in groups] == [
        (f"More in {section.name}", [same.pk]),
        ("Latest stories", pks(latest[:3])),
    ]


def test_a_child_section_fills_up_from_its_parent_first(section):
    child = SectionFactory(slug="gaming", name="Gaming", parent=section)
    article = _story(child, 5)
    sibling = _story(child, 8)
    parent_stories = [_story(section, hours) for hours in (2, 6)]
    newest_elsewhere = _story(SectionFactory(slug="science"), 1)
    groups = more_stories(_fresh(article))
    assert [(group.title, pks(group.stories)) for group in groups] == [
        ("More in Gaming", [sibling.pk]),
        (f"More in {section.name}", pks(parent_stories)),
        ("Latest stories", [newest_elsewhere.pk]),
    ]


def test_the_widget_shows_fewer_only_when_the_site_has_fewer(section):
    article = _story(section, 5)
    other = _story(SectionFactory(slug="science"), 1)
    assert pks(related_articles(_fresh(article))) == pks([other])


def test_groups_read_newest_first_except_the_editors_picks(section):
    article = _story(section, 50)
    old_pick, new_pick = _story(section, 40), _story(section, 1)
    article.related.add(old_pick, through_defaults={"position": 0})
    article.related.add(new_pick, through_defaults={"position": 1})
    fill = [_story(section, hours, tags=["x"] if hours == 30 else []) for hours in (3, 30)]
    groups = more_stories(_fresh(article))
    assert groups[0].title == "Picked by the editors"
    assert pks(groups[0].stories) == pks([old_pick, new_pick])  # the editor's order
    dates = [story.published_at for story in groups[1].stories]
    assert dates == sorted(dates, reverse=True) and set(pks(groups[1].stories)) == set(pks(fill))


def test_child_section_stories_count_for_the_parent(section):
    child = SectionFactory(slug="gaming", parent=section)
    article = _story(section, 5)
    child_story = _story(child, 1)
    assert pks(related_articles(_fresh(article))) == pks([child_story])


def test_widget_is_limited_and_deduplicated(section):
    article = _story(section, 50, tags=["x"])
    others = [_story(section, hours, tags=["x"]) for hours in range(1, 8)]
    article.related.add(others[3], through_defaults={"position": 0})
    result = related_articles(_fresh(article))
    assert len(result) == 4
    assert len(set(pks(result))) == 4
    assert result[0].pk == others[3].pk


@pytest.mark.parametrize("size", [5, 60])
def test_widget_cost_is_fixed(section, size, django_assert_max_num_queries):
    article = _story(section, 0, tags=["a", "b"])
    for index in range(size):
        _story(section, index + 1, tags=["a"] if index % 2 else ["c"])
    article = _fresh(article)
    with django_assert_max_num_queries(2):
        related_articles(article)


@pytest.mark.parametrize("size", [1, 30])
def test_filling_from_parent_and_latest_costs_at_most_four_queries(
    section, size, django_assert_max_num_queries
):
    child = SectionFactory(slug="gaming", parent=section)
    article = _fresh(_story(child, 0, tags=["a"]))
    for index in range(size):
        _story(SectionFactory(slug=f"other-{index}"), index + 1)
    with django_assert_max_num_queries(4):
        assert len(related_articles(article)) == min(size, 4)


def test_article_page_shows_each_story_once_and_labels_the_fill(client, section):
    section.show_in_navigation = True
    section.save()
    science = SectionFactory(slug="science", name="Science", show_in_navigation=True)
    article = _story(section, 5)
    others = [_story(science, hours) for hours in range(1, 7)]
    html = client.get(article.get_absolute_url()).content.decode()
    aside = html.split('class="article-layout__aside"')[1]
    assert '<h3 class="more-in__group">Latest stories</h3>' in aside
    for story in others:
        assert aside.count(story.get_absolute_url()) == 1
    assert aside.count('class="card"') == len(others)
