"""Home-page curation: the editors' picks lead, then the newest stories, then section rails;
no story twice on the page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.curation import LATEST, PER_RAIL, SECONDARY, TextCard, front_page, section_rails
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    SectionFactory,
    StaffUserFactory,
    set_picks,
)

pytestmark = pytest.mark.django_db


def test_without_picks_the_newest_story_leads():
    older = ArticleFactory(published_at=timezone.now() - timedelta(hours=3))
    newest = ArticleFactory()
    stories = front_page([])
    assert stories.lead == newest and stories.secondary == [older] and stories.latest == []


def test_picks_lead_and_feature_in_the_editors_order(client):
    old_lead = ArticleFactory(
        headline="Chosen lead", published_at=timezone.now() - timedelta(days=3)
    )
    second = ArticleFactory(
        headline="Chosen second", published_at=timezone.now() - timedelta(days=2)
    )
    third = ArticleFactory(headline="Chosen third", published_at=timezone.now() - timedelta(days=5))
    newest = ArticleFactory(headline="Newest unpicked")
    set_picks([old_lead, third, second])
    stories = front_page([])
    assert stories.lead == old_lead
    assert stories.secondary == [third, second, newest]
    assert stories.latest == []
    html = client.get("/").content.decode()
    assert html.index("Chosen lead") < html.index("Chosen third") < html.index("Chosen second")
    assert html.index("Chosen second") < html.index("Newest unpicked")
    assert 'class="teaser teaser--lead"' in html


@pytest.mark.parametrize(
    "hide",
    [
        {"status": Article.Status.UNPUBLISHED},
        {"status": Article.Status.DRAFT},
        {"trashed_at": timezone.now()},
        {"unpublish_at": timezone.now() - timedelta(minutes=1)},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_picks_that_are_not_public_drop_out_by_themselves(hide):
    lead = ArticleFactory(headline="Was the lead")
    featured = ArticleFactory()
    latest = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    set_picks([lead, featured])
    Article.objects.filter(pk=lead.pk).update(**hide)
    stories = front_page([])
    assert stories.lead == featured
    assert stories.secondary == [latest]
    assert lead not in stories.stories()


def test_editor_adds_a_pick_in_the_admin(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=9), headline="Evergreen")
    ArticleFactory(headline="Fresh news")
    client.force_login(StaffUserFactory(role="Editor"))
    response = client.post("/admin/articles/homeslot/add/", {"article": article.pk, "position": 0})
    assert response.status_code == 302
    assert front_page([]).lead == article


@pytest.mark.parametrize("size", [5, 50])
def test_home_with_picks_stays_within_the_query_budget(client, size, django_assert_max_num_queries):
    stories = [ArticleFactory() for _ in range(size)]
    set_picks(stories[:4])
    # 8, and the site chrome read once on a cold cache: brand, menus, which stories are live.
    with django_assert_max_num_queries(11):
        client.get("/")


def test_picks_beyond_the_top_stories_come_before_the_latest():
    picks = [ArticleFactory(published_at=timezone.now() - timedelta(days=10 + n)) for n in range(7)]
    newest = ArticleFactory()
    set_picks(picks)
    stories = front_page([])
    assert [stories.lead, *stories.secondary] == picks[: SECONDARY + 1]
    assert stories.featured == picks[SECONDARY + 1 :]
    assert stories.latest == [newest]


def _front_page_archive(size: int):
    tech = SectionFactory(name="Technology", slug="technology", position=1)
    gaming = SectionFactory(name="Gaming", slug="gaming", parent=tech)
    good = SectionFactory(name="Good News", slug="good-news", position=2)
    image = ImageFactory()
    stories = [
        ArticleFactory(
            section=[tech, gaming, good][n % 3],
            lead_image=image,
            published_at=timezone.now() - timedelta(hours=n),
        )
        for n in range(size)
    ]
    set_picks([stories[-1], stories[len(stories) // 2]])  # the oldest leads
    return stories


def _story_links(html: str) -> list[str]:
    """The story links of a page's headlines (each card's image links to the same story)."""
    return re.findall(r'<h[23] class="[^"]*headline"><a href="(/articles/\d+/[^"]*)"', html)


@pytest.mark.parametrize("size", [3, 12, 40])
def test_no_story_appears_twice_on_the_home_page(client, size):
    stories = _front_page_archive(size)
    links = _story_links(client.get("/").content.decode())
    assert len(links) == len(set(links))
    assert len(links) == min(size, 1 + SECONDARY + LATEST + 2 * PER_RAIL)
    assert links[0] == stories[-1].get_absolute_url()  # the editors' first pick leads


def test_home_layout_lead_secondary_then_section_rails(client):
    _front_page_archive(40)
    html = client.get("/").content.decode()
    assert html.count('class="teaser teaser--lead') == 1
    secondary = html.split('class="front-top__secondary"')[1].split('id="latest"')[0]
    assert secondary.count('class="teaser ') == SECONDARY
    tech_rail = html.split('id="rail-technology"')[1].split('id="rail-good-news"')[0]
    assert tech_rail.count('<li class="story-card') == PER_RAIL
    assert '<img src="/media/' in tech_rail or "<picture>" in tech_rail  # cards have thumbnails
    assert html.index('id="latest"') < html.index('id="rail-technology"')
    assert html.index('id="rail-technology"') < html.index('id="rail-good-news"')


def test_a_rail_leaves_out_stories_shown_above_it(client):
    tech = SectionFactory(name="Technology", slug="technology")
    only = ArticleFactory(section=tech, headline="The only tech story")
    html = client.get("/").content.decode()
    assert html.count(only.get_absolute_url()) == 2  # the lead's image and headline links
    assert 'id="rail-technology"' not in html  # the rail would only repeat the lead


def test_a_quiet_section_still_gets_its_newest_stories_past_the_busy_ones(monkeypatch):
    """The rails read the newest stories of the whole site first; a section with nothing
    among them is walked on its own, so its rail shows its own newest stories, in order."""
    monkeypatch.setattr("articles.curation.RAIL_WINDOW", 1)  # 2 sections x 2 stories read
    busy = SectionFactory(name="Busy", slug="busy")
    quiet = SectionFactory(name="Quiet", slug="quiet")
    child = SectionFactory(name="Quiet child", slug="quiet-child", parent=quiet)
    now = timezone.now()
    old = [
        ArticleFactory(section=section, published_at=now - timedelta(days=days))
        for section, days in ((quiet, 30), (child, 20), (quiet, 40))
    ]
    for hours in range(6):
        ArticleFactory(section=busy, published_at=now - timedelta(hours=hours + 1))
    ArticleFactory(section=quiet, status=Article.Status.DRAFT, published_at=None)
    rails = {rail.section.slug: rail.stories for rail in section_rails([busy, quiet], [], 2)}
    assert rails["quiet"] == [old[1], old[0]]  # newest first, a child section's story included
    assert len(rails["busy"]) == 2
    everything = section_rails([busy, quiet], [], 2)
    monkeypatch.setattr("articles.curation.RAIL_WINDOW", 100)
    assert [(r.section, r.stories) for r in section_rails([busy, quiet], [], 2)] == [
        (r.section, r.stories) for r in everything
    ], "the same rails whether the window reached the quiet section or not"
    hidden = section_rails([busy, quiet], [old[1].pk], 2)
    assert [story.pk for story in hidden[1].stories] == [old[0].pk, old[2].pk]


@pytest.mark.parametrize("window", [1, 100])  # the quiet section walked on its own, or not
def test_text_cards_are_rows_not_models(monkeypatch, window):
    """The article page's section blocks show headline, link and date: their cards are plain
    rows with a link (`TextCard`), the home page's rails (pictured) bring section and image."""
    monkeypatch.setattr("articles.curation.RAIL_WINDOW", window)
    busy = SectionFactory(name="Busy", slug="busy")
    quiet = SectionFactory(name="Quiet", slug="quiet")
    ArticleFactory(section=quiet, published_at=timezone.now() - timedelta(days=30))
    for hours in range(4):
        ArticleFactory(section=busy, published_at=timezone.now() - timedelta(hours=hours + 1))
    text = section_rails([busy, quiet], [], 2, pictured=False)
    pictured = section_rails([busy, quiet], [], 2)
    assert [[s.pk for s in rail.stories] for rail in text] == [
        [s.pk for s in rail.stories] for rail in pictured
    ]
    articles = {article.pk: article for article in Article.objects.all()}
    for story in (s for rail in text for s in rail.stories):
        assert isinstance(story, TextCard)
        article = articles[story.pk]
        assert (story.headline, story.published_at) == (article.headline, article.published_at)
        assert story.get_absolute_url() == article.get_absolute_url()
    for story in (s for rail in pictured for s in rail.stories):
        assert {"section", "lead_image"} <= set(story._state.fields_cache)


def test_text_rails_take_one_query_and_a_second_only_for_a_quiet_section(
    monkeypatch, django_assert_num_queries
):
    """The window's stories are ranked per rail in the database; a rail the full window left
    short is walked on its own, hidden stories left out."""
    busy = SectionFactory(name="Busy", slug="busy")
    quiet = SectionFactory(name="Quiet", slug="quiet")
    now = timezone.now()
    old = [
        ArticleFactory(section=quiet, published_at=now - timedelta(days=days)) for days in (30, 40)
    ]
    for hours in range(6):
        ArticleFactory(section=busy, published_at=now - timedelta(hours=hours + 1))
    with django_assert_num_queries(1):
        rails = section_rails([busy, quiet], [], 2, pictured=False)
    assert [story.pk for story in rails[1].stories] == [old[0].pk, old[1].pk]
    monkeypatch.setattr("articles.curation.RAIL_WINDOW", 1)  # the quiet section is not in it
    with django_assert_num_queries(2):
        rails = section_rails([busy, quiet], [old[0].pk], 2, pictured=False)
    assert [story.pk for story in rails[1].stories] == [old[1].pk]
    assert len(rails[0].stories) == 2
