"""The markup a page repeats for every story it lists, written in Python: teasers, cards,
bylines and dates.

The public templates (`public_templates/`) lay out pages; these functions write the few pieces
of markup that a page repeats for each story, which the templates call like any tag
(`{{ story_cards(stories) }}`, registered in `newsroom.templating`). As included templates, an
uncached list page rendered one per teaser plus two for its byline and dates, each with a
context of its own: about 300 Python calls a teaser, more than a third of the page's. Written
here, a teaser takes about a quarter of that (docs/performance.md, "Sealed bodies, cards and
bylines in Python").

Every value is escaped as the templates' autoescaping does (MarkupSafe's escaping, as a plain
string: `core.escaping`); the markup is the templates' own, whitespace aside. Tests:
tests/test_story_markup.py.
"""

from collections.abc import Callable
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from core import render_state
from core.dates import fast_date
from core.escaping import escape_output as escape
from images.templatetags.images_tags import picture


def teaser(
    article: Article,
    is_lead: bool,
    image_sizes: str,
    site_name: str,
    badge: Callable[[Article], str] | None = None,
) -> str:
    """A story teaser: `article` from `for_listing()`; `is_lead` makes it the big h2 lead
    story (else h3) and loads its image first; `image_sizes` overrides the image's `sizes`
    where the column is narrower; `badge(article)` writes a label before the section's (the
    live blogs' "Live")."""
    url = escape(article.get_absolute_url())
    image = article.lead_image
    classes = (
        "teaser" + (" teaser--lead" if is_lead else "") + (" teaser--pictured" if image else "")
    )
    picture_link = (
        f'\n    <a class="teaser__image" href="{url}" tabindex="-1" aria-hidden="true">\n      '
        f"{picture(image, 'teaser', alt='', sizes=image_sizes or '', priority=is_lead)}\n    </a>"
        if image
        else ""
    )
    section = article.section
    level = "h2" if is_lead else "h3"
    headline = escape(article.headline)
    dek = f'<p class="teaser__dek">{escape(article.standfirst)}</p>' if article.standfirst else ""
    return (
        f'<article class="{classes}">\n  {picture_link}\n  '
        f'{badge(article) if badge else ""}<a class="section-label" '
        f'href="{escape(section.get_absolute_url())}">{escape(section.name)}</a>\n'
        f'  <{level} class="teaser__headline"><a href="{url}">{headline}</a></{level}>\n'
        f'  <p class="teaser__meta">{byline(article, site_name)} · {dates(article)}</p>\n'
        f"  {dek}\n"
        f'  <a class="continue" href="{url}">Continue reading'
        f'<span class="visually-hidden">: {headline}</span></a>\n</article>'
    )


def story_cards(stories) -> SafeString:
    """The compact cards of `stories` (articles or `TextCard`s), each a linked headline and
    its date: the "More in" widget and the section blocks list them.

    An article page shows twenty-odd: an include per card (a context of its own, a render of
    its own) took more Python calls than fetching the stories (2,400 of the uncached page's
    15,500).
    """
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<li class="card">\n  <a href="{escape(story.get_absolute_url())}">'
            f"{escape(story.headline)}</a>\n"
            f"  {_time(story.published_at, 'j M Y')}\n</li>"
            for story in stories
        )
    )


def section_blocks(blocks) -> SafeString:
    """The section blocks beside "More in" on an article page: per block (a `Rail`: a section
    and its newest stories as `TextCard`s), the section's linked title and its cards. An
    article page shows six or seven; as a template (`{% for %}` with an attribute lookup per
    value and a call per link) they cost half as much again as their cards."""
    html = []
    for block in blocks:
        section = block.section
        slug = escape(section.slug)
        html.append(
            f'<section class="widget section-block" aria-labelledby="block-{slug}">\n'
            f'  <h2 id="block-{slug}" class="widget__title">'
            f'<a href="{escape(section.get_absolute_url())}">{escape(section.name)}</a></h2>\n'
            f'  <ul class="cards">{story_cards(block.stories)}</ul>\n</section>\n'
        )
    return mark_safe("".join(html))  # noqa: S308 (every value escaped)


GRID_IMAGE_SIZES = "(min-width: 75rem) 17rem, (min-width: 60rem) 22vw, 7rem"


def story_grid(stories, show_section: bool = False) -> SafeString:
    """The home page rails' cards of `stories` (from `for_cards()`): thumbnail, headline,
    date, and with `show_section` the section's label. The front page shows some thirty-five:
    an include per card was a fifth of its calls."""
    return mark_safe("".join(_grid_card(story, show_section) for story in stories))  # noqa: S308


def _grid_card(story: Article, show_section: bool) -> str:
    url = escape(story.get_absolute_url())
    image = story.lead_image
    picture_link = (
        f'<a class="story-card__image" href="{url}" tabindex="-1" aria-hidden="true">'
        f"{picture(image, 'teaser', alt='', sizes=GRID_IMAGE_SIZES)}</a>"
        if image
        else ""
    )
    section = story.section
    label = (
        f'<a class="section-label" href="{escape(section.get_absolute_url())}">'
        f"{escape(section.name)}</a>"
        if show_section
        else ""
    )
    return (
        f'<li class="story-card{" story-card--pictured" if image else ""}">\n  {picture_link}\n'
        f'  <div class="story-card__text">\n    {label}\n'
        f'    <h3 class="story-card__headline"><a href="{url}">{escape(story.headline)}</a></h3>\n'
        f"    {_time(story.published_at, 'j M Y')}\n  </div>\n</li>"
    )


def byline(article: Article, site_name: str) -> SafeString:
    """The byline: "By" and every author of `article` linked to their profile, in the editor's order
    ("A, B and C"), or the site's staff. Teasers, search results and the article header show
    it."""
    links = [
        f'<a href="{escape(author.get_absolute_url())}" rel="author">{escape(author.name)}</a>'
        for author in article.byline_authors
    ]
    if not links:
        names = f"{escape(site_name)} staff"
    else:
        names = f"{', '.join(links[:-1])} and {links[-1]}" if len(links) > 1 else links[0]
    return mark_safe(f'<span class="byline">By {names}</span>')  # noqa: S308 (escaped)


def dates(article: Article) -> SafeString:
    """The publication date of `article`, and the update date when it was edited after."""
    html = _time(article.published_at, "j F Y", ' class="dateline"')
    if article.updated_at:
        html += f'\n<span class="updated">Updated {_time(article.updated_at, "j F Y, H:i")}</span>'
    return mark_safe(html)  # noqa: S308 (escaped)


def _time(moment, format: str, attributes: str = "") -> str:
    """A `<time>` element, memoized like `fast_date` (on the active language and zone too):
    a page writes twenty to forty."""
    return _time_element(moment, format, attributes, *render_state.language_and_zone())


@lru_cache(maxsize=16_384)
def _time_element(moment, format: str, attributes: str, _language, _zone) -> str:
    machine, shown = escape(fast_date(moment, "c")), escape(fast_date(moment, format))
    return f'<time{attributes} datetime="{machine}">{shown}</time>'
