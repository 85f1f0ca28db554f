"""What readers see of a live blog: which stories are live, the latest updates, archive pages
and the update check. Only published entries of live blogs whose article is public.

Every answer is cached under the live blog's tag (`tag_for_pk(LiveBlog, id)`), which a change
of the blog or of any of its entries bumps (`liveblog/signals.py`): the article page, the update
check and the archive pages follow a new entry at once, and nothing else does.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from articles.models import Article
from core.cache.lifetimes import UNTIL_NEXT_CHANGE
from core.cache.tags import tag_for_pk
from core.site_values import register, site_value
from liveblog.models import Entry, LiveBlog, page_of

# Bumped when a live blog is created, deleted or changes state: lists mark live stories.
LIVE_BLOGS = "live-blogs"


def blog_tags(blog_id: int) -> list[str]:
    """What a page showing this live blog depends on: the blog and its article."""
    return [tag_for_pk(LiveBlog, blog_id), tag_for_pk(Article, blog_id)]


register(
    "live-blog-states",
    tags=[LIVE_BLOGS],
    rows=LiveBlog.objects.all,
    fields=["article_id", "state"],
    make=lambda blogs: {blog.article_id: blog.state for blog in blogs},
    lifetime=UNTIL_NEXT_CHANGE,
)


def live_states() -> dict[int, str]:
    """Article id → state of every live blog: read with the other values every page shows
    (`core.site_values`), once per change of a live blog."""
    return site_value("live-blog-states")


def public_blog(pk: int) -> LiveBlog | None:
    """The live blog of the public article `pk` (one query), or None."""
    return (
        LiveBlog.objects.select_related("article")
        .filter(pk=pk, article__in=Article.objects.published().values("pk"))
        .first()
    )


@dataclass
class LatestUpdates:
    """The article page's share of a live blog: pinned entries, then the newest ones."""

    blog: LiveBlog
    pinned: list[Entry]
    entries: list[Entry]
    older_page: int | None  # the archive page just before the entries shown, if any
    latest: int = 0  # the number of the newest entry, where the update check starts
    key_points: list[str] = field(default_factory=list)
    poll_seconds: int = 15


def latest_updates(blog: LiveBlog) -> LatestUpdates:
    """Pinned entries (from any page), then the other entries of the two newest archive pages
    (between one and two pages' worth), newest first: one query."""
    newest_page = page_of(blog.last_number) if blog.last_number else 1
    first_shown = max(newest_page - 1, 1)
    start = (first_shown - 1) * settings.LIVEBLOG_PAGE_SIZE
    entries = list(
        blog.entries.published().for_display().filter(Q(number__gt=start) | Q(pinned=True))
    )
    return LatestUpdates(
        blog=blog,
        pinned=[entry for entry in entries if entry.pinned],
        entries=[entry for entry in entries if not entry.pinned],
        older_page=first_shown - 1 or None,
        latest=max((entry.number for entry in entries), default=0),
        key_points=blog.key_point_list,
        poll_seconds=settings.LIVEBLOG_POLL_SECONDS,
    )


def archive_entries(blog: LiveBlog, page: int) -> list[Entry]:
    """The published entries of archive page `page`, newest first (one query)."""
    size = settings.LIVEBLOG_PAGE_SIZE
    start = (page - 1) * size
    return list(
        blog.entries.published().for_display().filter(number__gt=start, number__lte=start + size)
    )


def entries_after(blog: LiveBlog, after: int) -> tuple[list[Entry], bool]:
    """Published entries numbered above `after`, newest first, at most LIVEBLOG_UPDATE_LIMIT;
    and whether more were left out (the reader is then asked to reload). One query."""
    limit = settings.LIVEBLOG_UPDATE_LIMIT
    found = list(blog.entries.published().for_display().filter(number__gt=after)[: limit + 1])
    return found[:limit], len(found) > limit
