"""Widgets that fetch their own data (each calls one query function), and body filters.

The widgets' HTML is cached as fragments (`core.cache.fragments`): they appear on many pages
and, uncached, cost as much as the rest of the article page together (docs/performance.md).
"""

import re
from dataclasses import dataclass

from django import template
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from markupsafe import escape

from articles.article_page import page_tags
from articles.curation import section_rails
from articles.models import Article, Section
from articles.related import more_stories
from core.cache.fragments import cached_fragment, cached_fragments
from core.cache.lifetimes import ONE_DAY
from core.cache.tags import HOME, NAV, tag_for, tag_for_pk
from core.dates import fast_date
from images.templatetags.images_tags import picture
from richtext.rendering import body_tags

register = template.Library()


@dataclass(frozen=True)
class Widget:
    """Rendered widget HTML, and the stories it shows (so other widgets can leave them out)."""

    html: str
    story_ids: tuple[int, ...] = ()

    def __html__(self) -> str:
        return self.html


@register.simple_tag
def more_in_section(article: Article) -> Widget:
    """The "More in <Section>" widget for `article` (`{% more_in_section article as more %}`
    keeps `more.story_ids` for the section blocks beside it).

    It shows the article's section and hand-picked stories (an edit of those bumps the
    article's own version), the parent section's and the latest stories when it fills up from
    them ("home": any public change) and section names (bumped through "nav").
    """

    def render() -> Widget:
        groups = more_stories(article)
        own_only = len(groups) == 1 and groups[0].title == f"More in {article.section.name}"
        context = {"section": article.section, "groups": groups, "show_labels": not own_only}
        html = render_to_string("includes/more_in_section.html", context)
        return Widget(html, tuple(story.pk for group in groups for story in group.stories))

    tags = [NAV, HOME, tag_for(article), tag_for_pk(Section, article.section_id)]
    if article.section.parent_id:
        tags.append(tag_for_pk(Section, article.section.parent_id))
    widget = cached_fragment(f"more-in-widget:{article.pk}", tags, render)
    return Widget(mark_safe(widget.html), widget.story_ids)  # noqa: S308


@register.simple_tag(takes_context=True)
def article_part(context, part: str, article: Article) -> SafeString:
    """`includes/article_<part>.html` (header, body, footer): the parts of the article page
    that show only the article and what it names (sections, authors, tags, the body's library
    images), kept until one of those changes, like the page itself. A page-cache miss caused by
    a shared widget (a publish renews the section blocks) then renders none of them again.
    """

    values = {name: context.get(name) for name in ("site_name", "site_url")}

    def render() -> str:
        return render_to_string(f"includes/article_{part}.html", {"article": article, **values})

    tags = [*page_tags(article), *body_tags(article.body)]
    name = f"article-part:{part}:{article.pk}:{values['site_name']}:{values['site_url']}"
    return mark_safe(cached_fragment(name, tags, render))  # noqa: S308 (autoescaped template)


def story_cards(stories) -> SafeString:
    """The compact cards of `stories` (articles or `TextCard`s), each a linked headline and
    its date: the "More in" widget and the section blocks list them.

    Written here rather than by an included template: an article page shows twenty-odd, and
    an include per card (a context of its own, a render of its own) took more Python calls
    than fetching the stories (2,400 of an uncached article page's 15,500).
    """
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<li class="card">\n  <a href="{escape(story.get_absolute_url())}">'
            f"{escape(story.headline)}</a>\n"
            f'  <time datetime="{escape(fast_date(story.published_at, "c"))}">'
            f"{escape(fast_date(story.published_at, 'j M Y'))}</time>\n</li>"
            for story in stories
        )
    )


GRID_IMAGE_SIZES = "(min-width: 75rem) 17rem, (min-width: 60rem) 22vw, 7rem"


def story_grid(stories, show_section: bool = False) -> SafeString:
    """The home page rails' cards of `stories` (from `for_cards()`): thumbnail, headline,
    date, and with `show_section` the section's label. Written here like `story_cards`: the
    front page shows some thirty-five, and an include per card was a third of its calls."""
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
    published = story.published_at
    return (
        f'<li class="story-card{" story-card--pictured" if image else ""}">\n  {picture_link}\n'
        f'  <div class="story-card__text">\n    {label}\n'
        f'    <h3 class="story-card__headline"><a href="{url}">{escape(story.headline)}</a></h3>\n'
        f'    <time datetime="{escape(fast_date(published, "c"))}">'
        f"{escape(fast_date(published, 'j M Y'))}</time>\n  </div>\n</li>"
    )


def byline(article: Article, site_name: str) -> SafeString:
    """ "By" and every author of `article` linked to their profile, in the editor's order
    ("A, B and C"), or the site's staff. Teasers, search results and the article header show
    it; like `story_cards`, it is written here because an include per teaser cost more than
    the rest of the teaser."""
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
    machine, shown = escape(fast_date(moment, "c")), escape(fast_date(moment, format))
    return f'<time{attributes} datetime="{machine}">{shown}</time>'


@register.simple_tag(takes_context=True)
def section_blocks(context, per_section: int = 4, exclude=None, hide=()) -> SafeString:
    """A block per navigation section with its newest stories, in two queries in all.

    `exclude` leaves out a section (the one the reader is already in), `hide` the stories shown
    elsewhere on the page (ids). The blocks show the newest public stories
    and the navigation, so any public change ("home") or section change ("nav") renews them.
    """

    def render() -> str:
        sections = [s for s in context["nav_sections"] if exclude is None or s.pk != exclude.pk]
        widget_context = {
            "blocks": section_rails(
                sections, exclude=list(hide), per_rail=per_section, pictured=False
            ),
            "site_name": context.get("site_name"),
        }
        return render_to_string("includes/section_blocks.html", widget_context)

    hidden = ",".join(str(pk) for pk in sorted(hide))
    name = f"blocks:{per_section}:{exclude.pk if exclude else 0}:{hidden}"
    return mark_safe(cached_fragment(name, [NAV, HOME], render))  # noqa: S308


@register.filter(is_safe=True)
def scrollable_tables(body: str) -> str:
    """Wrap each table of a (sanitized) body in a labelled, keyboard-focusable scroll box.

    A wide table scrolls sideways inside its box instead of widening the page on a phone, and
    keyboard users can focus the box to scroll it (WCAG 2.1.1; axe `scrollable-region-focusable`).
    The sanitizer leaves tables without attributes, so the plain tag is the one to match.
    """
    opened = re.sub(
        r"<table>",
        '<div class="scroll-box" role="region" tabindex="0" '
        'aria-label="Table (scrolls sideways)"><table>',
        body,
    )
    return opened.replace("</table>", "</table></div>")


@register.simple_tag(takes_context=True)
def teasers(context, articles, is_lead: bool = False, image_sizes: str = "") -> SafeString:
    """The teasers of `articles` (from `for_listing()`), each kept as HTML until its article,
    its authors or the section names ("nav") change; fetched for the whole list at once.

    A teaser shows no time-dependent text (absolute dates), so it does not follow the schedule:
    which teasers a list shows is decided by the list's own query, every time.
    """
    site_name = context.get("site_name")
    # Looked up once for the whole list; the engine's own template (Jinja2's), without the
    # Django backend's wrapper, which only adds the request's context processors: none here.
    template = get_template("includes/teaser.html").template

    def piece(article: Article):
        def render() -> str:
            values = {"article": article, "is_lead": is_lead, "image_sizes": image_sizes}
            return template.render({**values, "site_name": site_name})

        name = f"teaser:{article.pk}:{int(is_lead)}:{image_sizes}:{site_name}"
        authors = [tag_for(author) for author in article.byline_authors]
        return name, [NAV, tag_for(article), *authors], render

    html = cached_fragments([piece(article) for article in articles], lifetime=ONE_DAY)
    return mark_safe("".join(html))  # noqa: S308 (autoescaped template output)


@register.simple_tag(takes_context=True)
def teaser(context, article, is_lead: bool = False, image_sizes: str = "") -> SafeString:
    """One teaser, as `teasers` makes them (the home page's lead story)."""
    return teasers(context, [article], is_lead=is_lead, image_sizes=image_sizes)
