"""Autosave: the article form kept on the server every few seconds, one slot per user and
article, so a closed tab, a crash or a server restart loses at most the last seconds of typing.

A draft is not a revision and changes nothing readers or other editors see; saving the form
for real discards it. Reopening the article offers it back, with what differs from the saved
article. New articles have one slot per user too (`article` empty) until their first save.
"""

from django.utils import timezone

from articles.models import Article
from editorial import revisions
from editorial.models import Draft

# The article's own fields as the form posts them (date and time come as _0 and _1). Inline
# formsets (bylines, related stories, corrections) are not kept: they are saved rows already.
KEPT = [
    "headline", "slug", "standfirst", "section", "tags", "body", "lead_image",
    "lead_image_caption", "seo_title", "meta_description", "social_title",
    "social_description", "social_image", "published_at_0", "published_at_1",
    "unpublish_at_0", "unpublish_at_1",
]  # fmt: skip
# What the restore offer compares: field → label (readable text, as revisions compare).
COMPARED = {
    "headline": "Headline",
    "slug": "Slug",
    "standfirst": "Standfirst",
    "tags": "Tags",
    "body": "Body",
    "lead_image_caption": "Lead image caption",
    "seo_title": "SEO title",
    "meta_description": "Meta description",
    "social_title": "Social title",
    "social_description": "Social description",
}
MAX_VALUE_LENGTH = 2_000_000  # characters in one field; the request size limit comes first


class DraftRefused(ValueError):
    """The posted data cannot be a draft (a field too long or not a text)."""


def kept_fields(post) -> dict[str, str]:
    """The fields a draft keeps, from a QueryDict or a plain dict."""
    data = {}
    for name in KEPT:
        if name not in post:
            continue
        value = post.get(name)
        if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
            raise DraftRefused(f"“{name}” cannot be autosaved.")
        data[name] = value.replace("\x00", "")
    return data


def save(user, article: Article | None, post, loaded_version: int | None = None) -> Draft:
    """Keep `post` (the form's fields) as the user's draft of `article` (None: a new one)."""
    draft, _made = Draft.objects.update_or_create(
        user=user,
        article=article,
        defaults={
            "data": kept_fields(post),
            "loaded_version": loaded_version,
            "saved_at": timezone.now(),
        },
    )
    return draft


def discard(user, article: Article | None) -> None:
    Draft.objects.filter(user=user, article=article).delete()


def saved_values(article: Article | None) -> dict[str, str]:
    """The article's saved fields as the form shows them (empty for a new article)."""
    if article is None or article.pk is None:
        return {}
    values = {name: str(getattr(article, name) or "") for name in COMPARED if name != "tags"}
    values["tags"] = ", ".join(sorted(article.tags.names(), key=str.lower))
    return values


def differences(draft: Draft, article: Article | None) -> list[revisions.FieldDiff]:
    """What the draft would change in the saved article, word by word."""
    saved = saved_values(article)
    changes = []
    for name, label in COMPARED.items():
        before = readable(name, saved.get(name, ""))
        after = readable(name, draft.data.get(name, ""))
        if before != after:
            changes.append(revisions.FieldDiff(label, revisions.diff_text(before, after)))
    return changes


def readable(name: str, value: str) -> str:
    """A form value as text a person compares (tags as the form shows them, sorted)."""
    if name == "tags":
        names = (part.strip() for part in (value or "").split(","))
        return ", ".join(sorted((part for part in names if part), key=str.lower))
    return revisions.readable(name, value)


def pending(user, article: Article | None) -> tuple[Draft, list] | None:
    """The user's draft of `article` with its differences, when it would change something.

    A draft that changes nothing is deleted here, so the offer never shows twice for nothing.
    """
    draft = Draft.objects.filter(user=user, article=article).first()
    if draft is None:
        return None
    changes = differences(draft, article)
    if not changes:
        draft.delete()
        return None
    return draft, changes
