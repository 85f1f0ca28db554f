"""POST data for the article admin form, as a browser would send it (inlines included)."""

from django.utils import timezone

from articles.models import Article

ADD_URL = "/admin/articles/article/add/"


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def _split(value) -> tuple[str, str]:
    if not value:
        return "", ""
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def article_post_data(article: Article | None = None, *, section=None, authors=(), **fields):
    """The form as loaded from `article` (or empty), with `fields` changed.

    `authors` are added as new bylines after the existing ones.
    """
    data = {
        "headline": article.headline if article else "",
        "slug": article.slug if article else "",
        "standfirst": article.standfirst if article else "",
        "section": (section or article.section).pk if (section or article) else "",
        "tags": ", ".join(article.tags.names()) if article else "",
        "body": article.body if article else "",
        "lead_image": article.lead_image_id or "" if article else "",
        "lead_image_caption": article.lead_image_caption if article else "",
        "loaded_version": article.version if article else "",
    }
    for name in ("published_at", "unpublish_at"):
        value = fields.pop(name, getattr(article, name) if article else None)
        data[f"{name}_0"], data[f"{name}_1"] = _split(value)
    bylines = list(article.bylines.order_by("position")) if article else []
    total = len(bylines) + len(authors)
    data.update(_management("bylines", total, len(bylines)))
    for index, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{index}-id": byline.pk,
                f"bylines-{index}-article": article.pk,
                f"bylines-{index}-author": byline.author_id,
                f"bylines-{index}-position": byline.position,
            }
        )
    for offset, author in enumerate(authors):
        index = len(bylines) + offset
        data[f"bylines-{index}-author"] = author.pk
        data[f"bylines-{index}-position"] = index
    data.update(_management("related_links", 0, 0))
    corrections = list(article.corrections.all()) if article else []
    data.update(_management("corrections", len(corrections), len(corrections)))
    for index, note in enumerate(corrections):
        day, time = _split(note.noted_at)
        data.update(
            {
                f"corrections-{index}-id": note.pk,
                f"corrections-{index}-article": article.pk,
                f"corrections-{index}-kind": note.kind,
                f"corrections-{index}-text": note.text,
                f"corrections-{index}-noted_at_0": day,
                f"corrections-{index}-noted_at_1": time,
            }
        )
    data.update(fields)
    return data


def _management(prefix: str, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
