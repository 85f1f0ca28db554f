"""Previews: an article exactly as readers will see it, before it is public.

Editors and byline authors preview from the edit page; a signed link (48 hours by default) lets
a reviewer without an account read it. Preview pages are `noindex` and never cached publicly.
Each link carries the article's preview secret (`editorial.models.PreviewKey`): rotating it
revokes every link given out before, on unpublish, on moving to the trash, or by hand.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from articles.models import Article
from core.cache.fragments import not_kept
from editorial.models import PreviewKey, new_secret
from richtext.csp import allow_frames
from richtext.rendering import frame_origins

SALT = "articles.preview"


def max_age() -> int:
    return settings.ARTICLE_PREVIEW_MAX_AGE


def preview_token(article: Article) -> str:
    key, _made = PreviewKey.objects.get_or_create(article=article)
    return signing.dumps({"article": article.pk, "key": key.secret}, salt=SALT, compress=True)


def revoke(article: Article) -> None:
    """Make every preview link of `article` given out so far answer 404 (new ones work)."""
    PreviewKey.objects.update_or_create(article=article, defaults={"secret": new_secret()})


def preview_url(article: Article) -> str:
    return reverse("editorial:preview", kwargs={"token": preview_token(article)})


def article_from_token(token: str) -> Article:
    """The article a token names; 404 when tampered with, expired, revoked, or the article
    is gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise Http404("This preview link has expired: ask the editor for a new one.") from error
    except signing.BadSignature as error:
        raise Http404("This preview link is not valid.") from error
    return load(data.get("article"), secret=str(data.get("key") or ""))


def load(pk, secret: str | None = None) -> Article:
    """The article to preview; with `secret` (from a shared link), only while it is current."""
    articles = Article.objects.not_trashed()
    if secret is not None:
        articles = articles.filter(preview_key__secret=secret)
    article = (
        articles.select_related("section__parent")
        .with_bylines()
        .prefetch_related("tags", "corrections")
        .filter(pk=pk)
        .first()
    )
    if article is None:
        raise Http404("This article no longer exists, or its preview links were revoked.")
    return article


def render_preview(request: HttpRequest, article: Article) -> HttpResponse:
    # A draft's pieces are never kept: its saved state is not what readers may see.
    with not_kept():
        response = render(
            request, "articles/article_detail.html", {"article": article, "preview": True}
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return allow_frames(request, response, frame_origins(article.body))
