"""Widgets that fetch their own data: each calls one query function."""

from django import template

from articles.models import Article
from articles.related import related_articles
from newsroom.caching import depends_on

register = template.Library()


@register.inclusion_tag("includes/more_in_section.html")
def more_in_section(article: Article) -> dict:
    """The "More in <Section>" widget for `article`."""
    depends_on(f"section:{article.section_id}")
    return {"section": article.section, "stories": related_articles(article)}


@register.inclusion_tag("includes/section_blocks.html", takes_context=True)
def section_blocks(context, per_section: int = 4, exclude=None, teasers: bool = False) -> dict:
    """A block per navigation section with its newest stories, in two queries in all.

    `exclude` leaves out a section (the one the reader is already in); `teasers` shows full
    teasers with bylines instead of compact cards.
    """
    sections = [s for s in context["nav_sections"] if exclude is None or s.pk != exclude.pk]
    depends_on(*(f"section:{section.pk}" for section in sections))
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
    return {"blocks": blocks, "teasers": teasers, "site_name": context.get("site_name")}
