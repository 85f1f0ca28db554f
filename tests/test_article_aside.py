"""The article page's aside: "More in <Section>", then the other navigation sections' blocks,
no story twice. A cold page fetches the section's stories and the blocks' rows in one statement
(`articles.related.RailsAlong`); the blocks rank again on their own only when "More in" had to
show stories of their sections."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.curation import _ranked_text_cards, section_rails, text_rails_window
from articles.related import RailsAlong, more_stories
from tests.factories import SectionFactory
from tests.test_related import _fresh, _story

pytestmark = pytest.mark.django_db


def _nav(slug: str):
    return SectionFactory(slug=slug, name=slug.title(), show_in_navigation=True)


def _groups(groups) -> list[tuple[str, list[int]]]:
    return [(group.title, [story.pk for story in group.stories]) for group in groups]


def _along(sections, per_rail: int = 3) -> RailsAlong:
    return RailsAlong(text_rails_window(sections, per_rail), per_rail)


def _aside(html: str) -> str:
    return html.split('class="article-layout__aside"')[1].split("</aside>")[0]


@pytest.mark.parametrize("tags", [["ai", "chips"], []], ids=["tagged", "untagged"])
def test_one_statement_gives_the_section_s_stories_and_the_rails_rows(tags):
    tech, science = _nav("tech"), _nav("science")
    article = _story(tech, 10, tags=tags)
    for hours in range(1, 7):
        _story(tech, hours, tags=["ai"] if hours % 2 else [])
        _story(science, hours + 0.5)
    article = _fresh(article)
    along = _along([science])
    with CaptureQueriesContext(connection) as captured:
        groups = more_stories(article, along=along)
    ranking = [query["sql"] for query in captured if "ROW_NUMBER" in query["sql"]]
    assert len(ranking) == 1 and "UNION ALL" in ranking[0]  # (the other: the picks)
    # The same stories as the section's query alone, and the same rows as the rails' alone
    # (an untagged story's count of shared tags must not empty its part of the statement).
    assert _groups(groups) == _groups(more_stories(article))
    alone = _ranked_text_cards(
        excluded=[article.pk], now=timezone.now(), count=along.window, rank=along.rank
    )
    assert sorted(along.ranked) == sorted(alone) and alone


def test_picks_that_fill_the_widget_leave_the_rails_to_their_own_query():
    tech, science = _nav("tech"), _nav("science")
    picks = [_story(science, hours) for hours in range(1, 5)]
    article = _story(tech, 10)
    for position, pick in enumerate(picks):
        article.related.add(pick, through_defaults={"position": position})
    along = _along([science])
    assert _groups(more_stories(_fresh(article), along=along)) == [
        ("Picked by the editors", [pick.pk for pick in picks])
    ]
    assert along.ranked is None


def test_rails_rows_showing_a_story_shown_elsewhere_are_ranked_again_without_it():
    tech, science = _nav("tech"), _nav("science")
    article = _story(tech, 10)
    stories = [_story(science, hours) for hours in range(1, 6)]
    along = _along([science])
    more_stories(_fresh(article), along=along)  # "Latest stories": science's four newest
    rails = section_rails([science], [stories[0].pk], 3, pictured=False, ranked=along.ranked)
    assert [story.pk for story in rails[0].stories] == [story.pk for story in stories[1:4]]
    # Rows showing none of the excluded stories are used as they are: no query.
    with CaptureQueriesContext(connection) as captured:
        rails = section_rails([science], [article.pk], 3, pictured=False, ranked=along.ranked)
    assert len(captured) == 0
    assert [story.pk for story in rails[0].stories] == [story.pk for story in stories[:3]]


def test_a_cold_article_page_fetches_its_aside_in_one_statement(client, settings):
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = False
    tech, science, culture = _nav("tech"), _nav("science"), _nav("culture")
    article = _story(tech, 10, tags=["ai"])
    more = [_story(tech, hours, tags=["ai"]) for hours in (1, 2, 3, 4, 5)]
    blocks = {
        section: [_story(section, hours + 0.5) for hours in range(4)]
        for section in (science, culture)
    }
    client.get(article.get_absolute_url())  # the site's values, the navigation: kept
    with CaptureQueriesContext(connection) as captured:
        html = client.get(article.get_absolute_url()).content.decode()
    aside = _aside(html)
    ranking = [query["sql"] for query in captured if "ROW_NUMBER" in query["sql"]]
    assert len(ranking) == 1 and "UNION ALL" in ranking[0]
    assert "More in Tech" in aside and "Latest stories" not in aside
    for story in more[:4]:
        assert aside.count(story.get_absolute_url()) == 1
    assert more[4].get_absolute_url() not in aside
    for section, newest in blocks.items():
        assert f'aria-labelledby="block-{section.slug}"' in aside
        for story in newest:
            assert aside.count(story.get_absolute_url()) == (1 if story in newest[:3] else 0)


def test_a_quiet_section_s_aside_shows_each_story_once(client):
    quiet, science = _nav("quiet"), _nav("science")
    article = _story(quiet, 10)
    stories = [_story(science, hours) for hours in range(1, 9)]
    aside = _aside(client.get(article.get_absolute_url()).content.decode())
    assert "Latest stories" in aside
    # "More in" shows the four newest; the science block the next three.
    for index, story in enumerate(stories):
        assert aside.count(story.get_absolute_url()) == (1 if index < 7 else 0)


def test_an_edit_of_a_story_in_the_aside_renews_it(client):
    tech, science = _nav("tech"), _nav("science")
    article = _story(tech, 10)
    neighbour = _story(tech, 1)
    elsewhere = _story(science, 2)
    aside = _aside(client.get(article.get_absolute_url()).content.decode())
    assert neighbour.headline in aside and elsewhere.headline in aside
    neighbour.headline, elsewhere.headline = "Chip plant opens", "Comet seen at dawn"
    neighbour.save()
    elsewhere.save()
    aside = _aside(client.get(article.get_absolute_url()).content.decode())
    assert "Chip plant opens" in aside and "Comet seen at dawn" in aside
