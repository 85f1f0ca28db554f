"""Widgets that fetch their own data (each calls one query function), and body filters.

The widgets' HTML is cached as fragments (newsroom.fragments.cached_fragment): they appear on many
pages and, uncached, cost as much as the rest of the article page together
(docs/performance.md).
"""

import re

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.related import related_articles
from newsroom.fragments import cached_fragment, cached_fragments

register = template.Library()


@register.simple_tag
def more_in_section(article: Article) -> SafeString:
    """The "More in <Section>" widget for `article`.

    It shows the article's section and hand-picked stories (an edit of those bumps the
    article's own version) and section names (bumped through "nav").
    """

    def render() -> str:
        context = {"section": article.section, "stories": related_articles(article)}
        return render_to_string("includes/more_in_section.html", context)

    tags = ["nav", f"article:{article.pk}", f"section:{article.section_id}"]
    return mark_safe(cached_fragment(f"more-in:{article.pk}", tags, render))  # noqa: S308


@register.simple_tag(takes_context=True)
def section_blocks(context, per_section: int = 4, exclude=None, teasers: bool = False):
    """A block per navigation section with its newest stories, in two queries in all.

    `exclude` leaves out a section (the one the reader is already in); `teasers` shows full
    teasers with bylines instead of compact cards. The blocks show the newest public stories
    and the navigation, so any public change ("home") or section change ("nav") renews them.
    """

    def render() -> str:
        sections = [s for s in context["nav_sections"] if exclude is None or s.pk != exclude.pk]
        stories = Article.objects.published().latest_per_section(sections, per_section)
        stories = stories.for_listing() if teasers else stories.for_cards()
        by_section: dict[int, list[Article]] = {}
        for story in stories:
            by_section.setdefault(story.top_section_id, []).append(story)
        blocks = [
            {"section": section, "stories": by_section[section.pk]}
            for section in sections
            if section.pk in by_section
        ]
        widget_context = {
            "blocks": blocks,
            "teasers": teasers,
            "site_name": context.get("site_name"),
        }
        return render_to_string("includes/section_blocks.html", widget_context)

    name = f"blocks:{per_section}:{exclude.pk if exclude else 0}:{int(teasers)}"
    return mark_safe(cached_fragment(name, ["nav", "home"], render))  # noqa: S308


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

    def piece(article: Article):
        def render() -> str:
            values = {"article": article, "is_lead": is_lead, "image_sizes": image_sizes}
            return render_to_string("includes/teaser.html", {**values, "site_name": site_name})

        name = f"teaser:{article.pk}:{int(is_lead)}:{image_sizes}:{site_name}"
        authors = [f"author:{author.pk}" for author in article.byline_authors]
        return name, ["nav", f"article:{article.pk}", *authors], render

    html = cached_fragments([piece(article) for article in articles], follows_schedule=False)
    return mark_safe("".join(html))  # noqa: S308 (autoescaped template output)


@register.simple_tag(takes_context=True)
def teaser(context, article, is_lead: bool = False, image_sizes: str = "") -> SafeString:
    """One teaser, as `teasers` makes them (the home page's lead story)."""
    return teasers(context, [article], is_lead=is_lead, image_sizes=image_sizes)
