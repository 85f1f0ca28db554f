"""Revisions: every save is a numbered snapshot, any two can be compared, any one restored.

A restore is itself a new revision, so nothing is ever lost. `Article.version` always equals the
number of the newest revision; the stale-save guard compares against it.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from html import unescape

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, Byline, Revision, Section
from authors.models import Author
from images.models import Image

# Editable fields copied as they are; tags, bylines and section are handled on their own.
TEXT_FIELDS = ["headline", "slug", "standfirst", "body", "lead_image_caption"]
LABELS = {
    "headline": "Headline",
    "slug": "Slug",
    "standfirst": "Standfirst",
    "body": "Body",
    "lead_image": "Lead image",
    "lead_image_caption": "Lead image caption",
    "section": "Section",
    "tags": "Tags",
    "bylines": "Bylines",
    "status": "Status",
    "published_at": "Publication time",
    "unpublish_at": "Expiry time",
}
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|figure|pre|tr)>|<br\s*/?>|<hr\s*/?>")
TAG = re.compile(r"<[^>]+>")
# Words, runs of spaces, and single punctuation marks: "close." → "close", "."
WORD = re.compile(r"\s+|[\w'’%-]+|[^\w\s]")


def snapshot(article: Article) -> dict:
    """The editable state of `article` as plain JSON (tags and bylines included)."""
    data = {name: getattr(article, name) or "" for name in TEXT_FIELDS}
    image = article.lead_image
    data["lead_image"] = [image.pk, image.alt_text or image.file.name] if image else []
    data["section"] = [article.section_id, str(article.section)]
    data["tags"] = sorted(article.tags.names(), key=str.lower)
    data["bylines"] = [
        [byline.author_id, byline.author.name]
        for byline in article.bylines.select_related("author").order_by("position", "id")
    ]
    data["status"] = article.status
    for name in ("published_at", "unpublish_at"):
        value = getattr(article, name)
        data[name] = value.isoformat(timespec="seconds") if value else ""
    return data


def record(article: Article, user, message: str = "") -> Revision:
    """Raise the article's version and store the snapshot as that revision."""
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1, last_edited_by=user)
    article.refresh_from_db(fields=["version", "last_edited_by", "modified_at"])
    return Revision.objects.create(
        article=article,
        number=article.version,
        data=snapshot(article),
        created_by=user,
        message=message[:200],
    )


@transaction.atomic
def restore(revision: Revision, user) -> Revision:
    """Put the revision's content back (not its status or dates) and record a new revision."""
    article = revision.article
    data = revision.data
    for name in TEXT_FIELDS:
        setattr(article, name, data.get(name, ""))
    image_id = (data.get("lead_image") or [None])[0]
    article.lead_image_id = (
        image_id if image_id and Image.objects.filter(pk=image_id).exists() else None
    )
    section_id = (data.get("section") or [None])[0]
    if section_id and Section.objects.filter(pk=section_id).exists():
        article.section_id = section_id
    article.mark_updated()
    article.save()
    article.tags.set(data.get("tags", []))
    author_ids = [author_id for author_id, _name in data.get("bylines", [])]
    existing = set(Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(article=article, author_id=author_id, position=position)
        for position, author_id in enumerate(a for a in author_ids if a in existing)
    )
    return record(article, user, f"Restored revision {revision.number}")


@dataclass
class FieldDiff:
    label: str
    chunks: list[tuple[str, str]]  # ("equal" | "insert" | "delete", text)


def readable(name: str, value) -> str:
    """A field's value as text a person compares: bodies lose their tags, lists join."""
    if name == "body":
        return unescape(TAG.sub("", BLOCK_END.sub(lambda m: m.group(0) + "\n", value or "")))
    if name in {"section", "lead_image"}:
        return value[1] if value and isinstance(value, list) else str(value or "")
    if name == "tags":
        return ", ".join(value or [])
    if name == "bylines":
        return ", ".join(author_name for _id, author_name in value or [])
    if name in {"published_at", "unpublish_at"} and value:
        moment = timezone.localtime(datetime.fromisoformat(value))
        return date_format(moment, "j F Y, H:i:s")
    return str(value or "")


def diff_text(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level differences between two texts, as (operation, text) chunks."""
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    chunks = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            chunks.append(("equal", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            chunks.append(("delete", "".join(old_words[a1:a2])))
        if b2 > b1:
            chunks.append(("insert", "".join(new_words[b1:b2])))
    return chunks


def diff(old: dict, new: dict) -> list[FieldDiff]:
    """The fields that differ between two snapshots, each with its word-level changes."""
    changes = []
    for name, label in LABELS.items():
        before, after = readable(name, old.get(name)), readable(name, new.get(name))
        if before != after:
            changes.append(FieldDiff(label, diff_text(before, after)))
    return changes
