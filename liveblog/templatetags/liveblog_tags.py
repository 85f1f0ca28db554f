"""Live blogs inside pages that the articles app owns (the article page, teasers, the head).

The articles app does not know live blogs exist (it sits below this app): its templates load
these tags, which show nothing for a story that is not a live blog. Every tag reads the cached
map of live stories first (`reading.live_states`, one cache read per page), so an ordinary
article page costs no query for them.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from core.cache.fragments import cached_fragment
from core.cache.pages import depends_on
from distribution.structured_data import breadcrumbs, json_ld
from liveblog.models import LiveBlog
from liveblog.reading import LIVE_BLOGS, blog_tags, latest_updates, live_states, public_blog
from liveblog.structured_data import live_blog_posting

register = template.Library()


def _state(article: Article) -> str | None:
    depends_on(LIVE_BLOGS)
    return live_states().get(article.pk)


_NO_BADGE = mark_safe("")
_LIVE_BADGE = mark_safe('<span class="live-badge">Live</span>')


@register.simple_tag
def live_badge(article: Article) -> SafeString:
    """A "Live" label for a story whose coverage is running (teasers and the article page)."""
    return _LIVE_BADGE if _state(article) == LiveBlog.State.LIVE else _NO_BADGE


@register.simple_tag
def live_blog(article: Article) -> SafeString:
    """The article page's live coverage: key points, pinned and latest updates, the script."""
    if _state(article) is None:
        return mark_safe("")

    def render() -> str:
        blog = public_blog(article.pk)
        if blog is None:
            return ""
        return render_to_string("liveblog/live_blog.html", {"live": latest_updates(blog)})

    html = cached_fragment(f"live-blog:{article.pk}", blog_tags(article.pk), render)
    return mark_safe(html)  # noqa: S308 (our template's output, entry bodies sanitized)


@register.simple_tag
def article_structured_data(article: Article, default: SafeString) -> SafeString:
    """`LiveBlogPosting` JSON-LD for a live blog, else `default` (the article's own)."""
    if _state(article) is None:
        return default

    def render() -> str:
        blog = public_blog(article.pk)
        if blog is None:
            return ""
        posting = live_blog_posting(article, latest_updates(blog))
        return json_ld(posting) + json_ld(breadcrumbs(article))

    html = cached_fragment(f"live-blog-ld:{article.pk}", blog_tags(article.pk), render)
    return mark_safe(html) if html else default  # noqa: S308


@register.simple_tag
def live_feed_links(article: Article) -> SafeString:
    """`<link rel="alternate">` to the live blog's feeds, for feed readers (page head)."""
    if _state(article) is None:
        return mark_safe("")
    return mark_safe(  # noqa: S308 (a template with a headline, autoescaped)
        render_to_string(
            "includes/meta_feeds.html",
            {
                "feed_title": f"{article.headline} (live updates)",
                "rss_url": reverse("liveblog:feed", kwargs={"pk": article.pk}),
                "atom_url": reverse("liveblog:feed_atom", kwargs={"pk": article.pk}),
            },
        )
    )
