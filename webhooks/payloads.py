"""What a delivery says about an object: its public representation, small and stable.

Built when the change has been committed, from `published()` only, so nothing that is not on
the public site can be described: a draft, or a story unpublished again in the same transaction,
gives None and no delivery. Objects that left the site are named by id and former URL only.
"""

from django.conf import settings

from articles.models import Article, Correction
from pages.models import Page

ARTICLE_COLUMNS = (
    "id", "headline", "slug", "standfirst", "published_at", "updated_at",
    "section__id", "section__name", "section__slug",
)  # fmt: skip


def _when(value) -> str | None:
    return value.isoformat() if value else None


def article(article_id: int) -> dict | None:
    found = (
        Article.objects.published()
        .select_related("section")
        .only(*ARTICLE_COLUMNS)
        .filter(pk=article_id)
        .first()
    )
    if found is None:
        return None
    return {
        "type": "article",
        "id": found.pk,
        "headline": found.headline,
        "standfirst": found.standfirst,
        "url": settings.SITE_URL + found.get_absolute_url(),
        "section": {
            "id": found.section.pk,
            "name": found.section.name,
            "url": settings.SITE_URL + found.section.get_absolute_url(),
        },
        "published_at": _when(found.published_at),
        "updated_at": _when(found.updated_at),
    }


def corrected_article(correction_id: int) -> dict | None:
    correction = Correction.objects.filter(pk=correction_id).first()
    data = article(correction.article_id) if correction else None
    if data is None:
        return None
    data["correction"] = {
        "id": correction.pk,
        "kind": correction.kind,
        "text": correction.text,
        "noted_at": _when(correction.noted_at),
    }
    return data


def page(page_id: int) -> dict | None:
    found = Page.objects.published().filter(pk=page_id).first()
    if found is None:
        return None
    return {
        "type": "page",
        "id": found.pk,
        "title": found.title,
        "url": settings.SITE_URL + found.get_absolute_url(),
        "updated_at": _when(found.updated_at),
    }


def gone(kind: str, object_id: int, path: str) -> dict:
    """An object that left the public site: no more than what readers could already see."""
    return {"type": kind, "id": object_id, "url": settings.SITE_URL + path}
