"""A page at its root-level path; drafts are shown to staff who may see pages, as previews."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.cache.pages import page_shows
from core.cache.tags import tag_for
from pages.models import Page


def page_detail(request: HttpRequest, path: str) -> HttpResponse:
    page = Page.objects.filter(path=path).first()
    if page is None:
        raise Http404("No page here.")
    preview = not page.is_public
    if preview and not request.user.has_perm("pages.view_page"):
        raise Http404("No page here.")
    parents = [] if "/" not in path else _published_parents(path)
    if not preview:
        page_shows(tag_for(page), *(tag_for(parent) for parent in parents))
    return render(
        request, "pages/page.html", {"page": page, "parents": parents, "preview": preview}
    )


def _published_parents(path: str) -> list[Page]:
    """The page's public ancestors, top first, in one query (for the breadcrumb trail)."""
    segments = path.split("/")[:-1]
    prefixes = ["/".join(segments[: depth + 1]) for depth in range(len(segments))]
    return list(
        Page.objects.published().filter(path__in=prefixes).order_by("path").only("title", "path")
    )
