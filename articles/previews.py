"""Previews: an article exactly as readers will see it, before it is public.

Editors and byline authors preview from the edit page; a signed link (48 hours by default) lets
a reviewer without an account read it. Preview pages are `noindex` and never cached publicly.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .models import Article

SALT = "articles.preview"


def max_age() -> int:
    return int(getattr(settings, "ARTICLE_PREVIEW_MAX_AGE", 48 * 3600))


def preview_token(article: Article) -> str:
    return signing.dumps({"article": article.pk}, salt=SALT, compress=True)


def preview_url(article: Article) -> str:
    return reverse("articles:preview", kwargs={"token": preview_token(article)})


def article_from_token(token: str) -> Article:
    """The article a token names; 404 when tampered with, expired, or the article is gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise Http404("This preview link has expired: ask the editor for a new one.") from error
    except signing.BadSignature as error:
        raise Http404("This preview link is not valid.") from error
    return load(data.get("article"))


def load(pk) -> Article:
    article = (
        Article.objects.not_trashed()
        .select_related("section__parent")
        .with_bylines()
        .prefetch_related("tags", "corrections")
        .filter(pk=pk)
        .first()
    )
    if article is None:
        raise Http404("This article no longer exists.")
    return article


def render_preview(request: HttpRequest, article: Article) -> HttpResponse:
    response = render(
        request, "articles/article_detail.html", {"article": article, "preview": True}
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
