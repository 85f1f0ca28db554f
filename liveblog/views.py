"""Readers' live blog URLs: archive pages of older updates and the update check.

The live updates themselves show on the article page (`liveblog_tags.live_blog`); these views
serve what that page links to and what its script polls. Both are cached pages that depend on
the live blog's tag, so a new, corrected or removed entry retires them at once.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from core.cache.pages import page_shows
from liveblog.models import LiveBlog, page_of
from liveblog.reading import archive_entries, blog_tags, entries_after, public_blog


def _public_blog_or_404(pk: int) -> LiveBlog:
    blog = public_blog(pk)
    if blog is None:
        raise Http404("No live blog of a public article here.")
    return blog


def archive(request: HttpRequest, pk: int, page: int) -> HttpResponse:
    """One archive page: the entries numbered `(page - 1) * size + 1` to `page * size`, an
    address that shows the same entries for as long as the live blog exists."""
    blog = _public_blog_or_404(pk)
    last_page = page_of(blog.last_number) if blog.last_number else 0
    if not 1 <= page <= last_page:
        raise Http404("No such page of updates.")
    page_shows(*blog_tags(pk))
    context = {
        "blog": blog,
        "article": blog.article,
        "entries": archive_entries(blog, page),
        "page": page,
        "newer_page": page + 1 if page < last_page else None,
        "older_page": page - 1 or None,
    }
    return render(request, "liveblog/archive.html", context)


def updates(request: HttpRequest, pk: int, after: int) -> HttpResponse:
    """The update check: entries published after number `after`, as HTML ready to insert.

    Kept in the page cache and by CDNs for LIVEBLOG_UPDATE_SECONDS at most (the s-maxage), and
    answered with 304 to a matching `If-None-Match`, so the usual answer ("nothing new") costs
    a cache hit. A number beyond the blog's newest is a 404, never a new cache entry.
    """
    blog = _public_blog_or_404(pk)
    if after > blog.last_number:
        raise Http404("No update has this number yet.")
    page_shows(*blog_tags(pk), seconds=settings.LIVEBLOG_UPDATE_SECONDS)
    entries, more = entries_after(blog, after)
    html = render_to_string("liveblog/entries.html", {"entries": entries}) if entries else ""
    return JsonResponse(
        {
            "state": blog.state,
            "latest": max((entry.number for entry in entries), default=after),
            "count": len(entries),
            "more": more,
            "html": html,
        }
    )
