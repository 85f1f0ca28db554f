"""Widgets that fetch their own data (each calls one query function), and body filters.

The widgets' HTML is cached as fragments (`core.cache.fragments`): they appear on many pages
and, uncached, cost as much as the rest of the article page together (docs/performance.md).
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles import article_markup, story_markup
from articles.article_page import shown_tags
from articles.curation import section_rails, text_rails_window
from articles.models import Article, Section
from articles.related import RailsAlong, more_stories
from core.cache.fragments import cached_fragment, cached_fragments
from core.cache.lifetimes import ONE_DAY
from core.cache.tags import HOME, NAV, tag_for, tag_for_pk

register = template.Library()


# Stories per section block beside "More in".
BLOCK_STORIES = 3


@register.simple_tag(takes_context=True)
def article_aside(context, article: Article) -> SafeString:
    """The article page's aside: the "More in <Section>" widget, then a block per other
    navigation section with its newest stories, none of them shown twice.

    Both are made together and kept as one fragment: the blocks leave out what "More in" shows,
    so they were made for one article anyway, and one statement fetches the section's stories
    and the blocks' rows (`RailsAlong`), a round trip fewer on a cold page. The fragment shows
    the article's section and hand-picked stories (an edit of those bumps the article's own
    version), the newest public stories ("home": any public change) and section names
    ("nav").
    """
    section = article.section
    top = section.parent or section

    def render() -> str:
        sections = [s for s in context["nav_sections"] if s.pk != top.pk]
        window = text_rails_window(sections, BLOCK_STORIES)
        along = RailsAlong(window, BLOCK_STORIES) if sections else None
        groups = more_stories(article, along=along)
        own_only = len(groups) == 1 and groups[0].title == f"More in {section.name}"
        values = {"section": section, "groups": groups, "show_labels": not own_only}
        more = render_to_string("includes/more_in_section.html", values)
        shown = [article.pk, *(story.pk for group in groups for story in group.stories)]
        ranked = along.ranked if along else None
        blocks = section_rails(sections, shown, BLOCK_STORIES, pictured=False, ranked=ranked)
        return f"{more}\n{story_markup.section_blocks(blocks)}"

    tags = [NAV, HOME, tag_for(article), tag_for_pk(Section, section.pk)]
    if section.parent_id:
        tags.append(tag_for_pk(Section, section.parent_id))
    return mark_safe(cached_fragment(f"article-aside:{article.pk}", tags, render))  # noqa: S308


# The article page's own parts (`article_markup`), each given the site's name and address.
PARTS = {
    "header": lambda article, site_name, site_url: article_markup.header(article, site_name),
    "body": lambda article, site_name, site_url: article_markup.body(article),
    "footer": lambda article, site_name, site_url: article_markup.footer(article, site_url),
}


@register.simple_tag(takes_context=True)
def article_part(context, part: str, article: Article) -> SafeString:
    """The article page's `part` (header, body, footer: `article_markup`): the parts that
    show only the article and what it names (sections, authors, tags, the body's library
    images), kept until one of those changes, like the page itself. A page-cache miss caused by
    a shared widget (a publish renews the section blocks) then renders none of them again.
    """
    make = PARTS[part]
    site_name, site_url = context.get("site_name"), context.get("site_url")
    tags = shown_tags(article)
    name = f"article-part:{part}:{article.pk}:{site_name}:{site_url}"
    return mark_safe(  # noqa: S308 (every value escaped)
        cached_fragment(name, tags, lambda: make(article, site_name, site_url))
    )


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
