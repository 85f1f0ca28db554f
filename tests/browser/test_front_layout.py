"""The front page and the lists, measured in a real browser at phone, tablet and desktop widths.

The home page must lead with its biggest story and never show a story twice; a list of 20
stories must stay compact (well under 5,000 px at 1,280 px wide, where the old one-column list
of full-width images ran 11,000-12,000 px).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import emulate, full_page_screenshot
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    set_picks,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST_HEIGHT_LIMIT = 4_000
STANDFIRST = "Two sentences of standfirst, as long as an editor writes them on a busy day. " * 2

HEADLINE_LINKS = """
const selector = 'main h2 a[href*="/articles/"], main h3 a[href*="/articles/"]';
return [...document.querySelectorAll(selector)]
  .map(a => new URL(a.href).pathname);
"""
AREA = "const r = arguments[0].getBoundingClientRect(); return r.width * r.height;"


@pytest.fixture
def archive(settings, live_server, browser):
    settings.ROOT_URLCONF = "tests.browser.media_urls"
    tech = SectionFactory(slug="technology", name="Technology", position=1)
    good = SectionFactory(slug="good-news", name="Good News", position=2)
    author = AuthorFactory(slug="writer")
    image = ImageFactory(size=(1600, 1000))
    stories = [
        ArticleFactory(
            section=[tech, good][n % 2],
            authors=[author],
            tags=["common"],
            lead_image=image,
            standfirst=STANDFIRST,
            headline=f"Story number {n} has a headline long enough to wrap onto a second line",
            published_at=timezone.now() - timedelta(hours=n),
        )
        for n in range(44)
    ]
    set_picks([stories[30], stories[5]])
    yield live_server.url
    browser.get("about:blank")


@pytest.mark.parametrize(
    "path", ["/latest/", "/sections/technology/", "/tags/common/", "/authors/writer/"]
)
def test_twenty_stories_fit_well_under_5000_pixels_at_1280(browser, archive, path):
    emulate(browser, width=1280)
    browser.get(archive + path)
    assert len(browser.find_elements("css selector", ".teaser-list .teaser")) == 20
    height = browser.execute_script("return document.documentElement.scrollHeight")
    full_page_screenshot(browser, f"list-{path.strip('/').replace('/', '-')}-1280")
    assert height < LIST_HEIGHT_LIMIT, f"{path} is {height}px tall"


@pytest.mark.parametrize("width", [375, 768, 1280])
def test_home_leads_with_its_biggest_story_and_repeats_none(browser, archive, width):
    emulate(browser, width=width)
    browser.get(archive + "/")
    full_page_screenshot(browser, f"home-front-{width}")
    links = browser.execute_script(HEADLINE_LINKS)
    assert len(links) > 20
    assert len(links) == len(set(links)), "a story appears twice"
    lead = browser.find_element("css selector", ".teaser--lead")
    secondary = browser.find_elements("css selector", ".front-top__secondary .teaser")
    cards = browser.find_elements("css selector", ".story-card")
    assert 2 <= len(secondary) <= 4
    lead_area = browser.execute_script(AREA, lead)
    assert all(lead_area > browser.execute_script(AREA, item) for item in secondary + cards)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    thumbnails = browser.find_elements("css selector", ".story-card img")
    assert len(thumbnails) == len(cards)
