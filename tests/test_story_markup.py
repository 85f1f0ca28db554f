"""The story markup written in Python (articles/story_markup.py): teasers, cards, bylines
and dates show what the templates showed, with every value escaped."""

import datetime
import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from articles.curation import Rail, TextCard
from articles.models import Article
from articles.story_markup import (
    byline,
    dates,
    section_blocks,
    story_cards,
    story_grid,
    teaser,
)
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_a_teaser_links_its_story_section_and_authors_with_everything_escaped(section):
    author = AuthorFactory(name="Ana <Ruiz>")
    story = ArticleFactory(
        section=section, authors=[author], headline='Rates & "fees"', standfirst="Less <b>."
    )
    story = Article.objects.for_listing().get(pk=story.pk)
    html = teaser(story, False, "", "The Courier")
    assert html.startswith('<article class="teaser">') and html.endswith("</article>")
    url = story.get_absolute_url()
    assert (
        f'<h3 class="teaser__headline"><a href="{url}">Rates &amp; &#34;fees&#34;</a></h3>' in html
    )
    assert (
        f'<a class="section-label" href="{section.get_absolute_url()}">{section.name}</a>' in html
    )
    assert '<p class="teaser__dek">Less &lt;b&gt;.</p>' in html
    assert "Ana &lt;Ruiz&gt;</a></span> · <time" in html
    assert '<span class="visually-hidden">: Rates &amp; &#34;fees&#34;</span>' in html
    assert "<picture" not in html and "<b>" not in html


def test_the_lead_teaser_is_an_h2_whose_picture_loads_first(section):
    image = ImageFactory(size=(1600, 900))
    image.make_renditions()
    story = ArticleFactory(section=section, lead_image=image, standfirst="")
    story = Article.objects.for_listing().get(pk=story.pk)
    html = teaser(story, True, "50vw", "The Courier", badge=lambda article: "<b>LIVE</b>")
    assert html.startswith('<article class="teaser teaser--lead teaser--pictured">')
    assert '<h2 class="teaser__headline">' in html and "</h2>" in html
    assert 'fetchpriority="high"' in html and 'sizes="50vw"' in html
    assert '<b>LIVE</b><a class="section-label"' in html  # the badge's markup, as given
    assert "teaser__dek" not in html


def test_story_cards_escape_what_they_show(client, section):
    """The "More in" widget and the section blocks write their cards in Python
    (`story_cards`): headlines are escaped like the templates' text."""
    story = ArticleFactory(section=section, headline='Tom & Jerry <b>"live"</b>')
    card = TextCard(story.pk, story.headline, story.slug, story.published_at)
    html = str(story_cards([story, card]))
    assert html.count('<li class="card">') == 2
    assert html.count("Tom &amp; Jerry &lt;b&gt;&#34;live&#34;&lt;/b&gt;</a>") == 2
    assert f'<a href="{story.get_absolute_url()}">' in html
    assert "<b>" not in html


def test_story_grid_cards_show_a_thumbnail_and_the_section_when_asked(section):
    image = ImageFactory(size=(1600, 900), alt_text="Ferry")
    image.make_renditions()
    pictured = ArticleFactory(section=section, headline="Ferries <back>", lead_image=image)
    plain = ArticleFactory(section=section, headline="Plain story")
    stories = list(Article.objects.for_cards().filter(pk__in=[pictured.pk, plain.pk]))
    stories.sort(key=lambda story: story.pk)
    html = str(story_grid(stories, show_section=True))
    first, second = html.split("</li>")[:2]
    assert first.startswith('<li class="story-card story-card--pictured">')
    assert 'class="story-card__image"' in first and 'alt=""' in first and "16x9-" in first
    assert "Ferries &lt;back&gt;</a></h3>" in first
    assert second.lstrip().startswith('<li class="story-card">') and "<picture" not in second
    assert html.count(f'<a class="section-label" href="{section.get_absolute_url()}">') == 2
    assert "section-label" not in str(story_grid(stories))


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], "By The Courier staff"),
        (["Ana"], "By Ana"),
        (["Ana", "Ben"], "By Ana and Ben"),
        (["Ana", "Ben", "Cy <3"], "By Ana, Ben and Cy &lt;3"),
    ],
)
def test_a_byline_names_every_author_linked_or_the_staff(names, expected, section):
    authors = [AuthorFactory(name=name) for name in names]
    article = ArticleFactory(section=section, authors=authors)
    html = str(byline(article, "The Courier"))
    text = re.sub(r"<[^>]+>", "", html)
    assert html.startswith('<span class="byline">') and text == expected
    for author in authors:
        assert f'<a href="{author.get_absolute_url()}" rel="author">' in html


def test_dates_show_the_update_only_after_an_edit(section):
    article = ArticleFactory(section=section)
    published = article.published_at.isoformat()
    html = str(dates(article))
    assert html.startswith(f'<time class="dateline" datetime="{published}">')
    assert "Updated" not in html
    article.updated_at = article.published_at + timedelta(hours=2)
    assert 'class="updated">Updated <time datetime="' in str(dates(article))


def test_section_blocks_title_each_section_and_list_its_cards(section):
    other = SectionFactory(name="Good <News>", slug="good-news")
    story = ArticleFactory(section=other, headline="Otters & friends")
    card = TextCard(story.pk, story.headline, story.slug, story.published_at)
    html = str(section_blocks([Rail(other, [card]), Rail(section, [])]))
    assert html.count('<section class="widget section-block"') == 2
    assert '<section class="widget section-block" aria-labelledby="block-good-news">' in html
    assert (
        '<h2 id="block-good-news" class="widget__title"><a href="/sections/good-news/">'
        "Good &lt;News&gt;</a></h2>"
    ) in html
    assert f'<a href="{story.get_absolute_url()}">Otters &amp; friends</a>' in html
    assert '<ul class="cards"></ul>' in html  # an empty block keeps its list


def test_dates_follow_the_active_zone_and_language(section, settings):
    article = ArticleFactory(section=section)
    article.published_at = article.published_at.replace(
        year=2026, month=3, day=1, hour=23, minute=30, tzinfo=datetime.UTC
    )
    with timezone.override("UTC"), translation.override("en"):
        assert ">1 March 2026</time>" in str(dates(article))
    with timezone.override("Asia/Tokyo"), translation.override("en"):
        assert ">2 March 2026</time>" in str(dates(article))
    with timezone.override("UTC"), translation.override("de"):
        assert ">1 März 2026</time>" in str(dates(article))
