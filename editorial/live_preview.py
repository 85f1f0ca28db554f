"""The live preview: the unsaved form rendered through the public article template.

Nothing is written: the form's values are put on the article in memory (a new article stands
in as article 0, which no URL or row has), its tags and bylines are handed to the template as
if prefetched, and shared page fragments are neither read nor kept while it renders
(`core.cache.fragments.not_kept`), so no reader ever sees a piece of an unsaved story. The
response is `private, no-store` and `noindex`, and may be framed by the admin only.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.csp import CSP
from django.utils.text import slugify
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from taggit.models import Tag

from articles.models import Article, Byline
from authors.models import Author
from core.cache.fragments import not_kept
from editorial import previews

STAND_IN_PK = 0  # a new article's number while previewed: matches the URL pattern, no row


def _as_prefetched(queryset: QuerySet, objects: list) -> QuerySet:
    """`objects` served by `queryset` without a query, as `prefetch_related` leaves it."""
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    return queryset


def _tags(names: list[str]) -> list[Tag]:
    existing = {tag.name.lower(): tag for tag in Tag.objects.filter(name__in=names)}
    return [
        existing.get(name.lower()) or Tag(name=name, slug=slugify(name) or "tag") for name in names
    ]


def unsaved_article(form, article: Article | None, user) -> Article:
    """The article as the (validated) form holds it; never saved."""
    if article is None:
        article = form.instance
        article.pk = STAND_IN_PK
        writer = Author.objects.filter(user=user).first()
        bylines = [Byline(article=article, author=writer)] if writer else []
        corrections = []
    else:
        bylines = list(article.bylines.all())
        corrections = list(article.corrections.all())
    article._prefetched_objects_cache = {
        "bylines": _as_prefetched(Byline.objects.none(), bylines),
        "corrections": _as_prefetched(article.corrections.none(), corrections),
        "tags": _as_prefetched(Tag.objects.none(), _tags(form.cleaned_data.get("tags") or [])),
    }
    return article


def render_unsaved(request: HttpRequest, form_class, article: Article | None) -> HttpResponse:
    """Validate the posted form without saving, then show it as readers would see it, in a
    response the admin's own page may frame (the site's policy otherwise)."""
    framed = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
    view = csp_override(framed)(xframe_options_sameorigin(_render_unsaved))
    return view(request, form_class, article)


def _render_unsaved(request: HttpRequest, form_class, article: Article | None) -> HttpResponse:
    loaded = previews.load(article.pk) if article is not None else Article()
    form = form_class(request.POST, request.FILES or None, instance=loaded)
    form.check_stale = False  # nothing is saved, so nothing can be overwritten
    form.is_valid()
    missing = [
        label
        for label, present in (
            ("a headline", form.instance.headline),
            ("a section", form.instance.section_id),
        )
        if not present
    ]
    if missing:
        response = render(
            request, "admin/articles/article/live_preview_missing.html", {"missing": missing}
        )
    else:
        with not_kept():
            response = render(
                request,
                "articles/article_detail.html",
                {
                    "article": unsaved_article(form, article and loaded, request.user),
                    "preview": True,
                    "live_preview": True,
                },
            )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
