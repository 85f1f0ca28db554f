"""Widgets that fetch their own data (each calls one query function), and body filters.

The widgets' HTML is cached as fragments (`core.cache.fragments`): they appear on many pages
and, uncached, cost as much as the rest of the article page together (docs/performance.md).
"""

import re
from dataclasses import dataclass

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles import story_markup
from articles.article_page import page_tags
from articles.curation import section_rails
from articles.models import Article, Section
from articles.related import more_stories
from core.cache.fragments import cached_fragment, cached_fragments
from core.cache.lifetimes import ONE_DAY
from core.cache.tags import HOME, NAV, tag_for, tag_for_pk
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


@register.simple_tag(takes_context=True)
def section_blocks(context, per_section: int = 4, exclude=None, hide=()) -> SafeString:
    """A block per navigation section with its newest stories, in two queries in all.

    `exclude` leaves out a section (the one the reader is already in), `hide` the stories shown
    elsewhere on the page (ids). The blocks show the newest public stories
    and the navigation, so any public change ("home") or section change ("nav") renews them.
    """

    def render() -> str:
        sections = [s for s in context["nav_sections"] if exclude is None or s.pk != exclude.pk]
        blocks = section_rails(sections, exclude=list(hide), per_rail=per_section, pictured=False)
        return story_markup.section_blocks(blocks)

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
    if "<table>" not in body:  # most bodies: a substring test rather than a pass of `sub()`
        return body
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
    # The live blogs' "Live" label (liveblog_tags.live_badge), a global of the public
    # templates: this app does not know live blogs exist (a Django template has no such
    # global: its teasers show no label).
    badge = context.get("live_badge")

    def piece(article: Article):
        def render() -> str:
            return story_markup.teaser(article, is_lead, image_sizes, site_name, badge)

        name = f"teaser:{article.pk}:{int(is_lead)}:{image_sizes}:{site_name}"
        authors = [tag_for(author) for author in article.byline_authors]
        return name, [NAV, tag_for(article), *authors], render

    html = cached_fragments([piece(article) for article in articles], lifetime=ONE_DAY)
    return mark_safe("".join(html))  # noqa: S308 (every value escaped)


@register.simple_tag(takes_context=True)
def teaser(context, article, is_lead: bool = False, image_sizes: str = "") -> SafeString:
    """One teaser, as `teasers` makes them (the home page's lead story)."""
    return teasers(context, [article], is_lead=is_lead, image_sizes=image_sizes)
