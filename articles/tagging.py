"""Tags: the links of articles to tags, and the rules of tags.

The link rows (`TaggedArticle`) carry the article's publication time, kept by the database
(articles/migrations/0013): a tag's page reads its newest stories from the tag's timeline.

Rules: a tag's name holds no control characters, and its slug is never empty.

taggit's `Tag` is not our model, so it cannot use `core.text.CleanCharField`: names are cleaned
where taggit receives them (the article's tag manager) and where a Tag row is saved (taggit's
own admin, scripts). taggit's own slug for a name with no letter or digit (`#`, `😀`) is `""`,
which no URL can hold: the tag's page could not be reversed and every save of an article
carrying it failed (`NoReverseMatch` in `tag_changed`). A tag saved without a slug gets
`core.slugs.unique_slug` instead, before it is written.
"""

from django.db import models
from django.db.models.signals import pre_save
from taggit.managers import _TaggableManager
from taggit.models import Tag, TaggedItemBase

from articles.querysets import TIMELINE_INDEXES
from core.slugs import unique_slug
from core.text import clean_text


class TaggedArticle(TaggedItemBase):
    """Tag links with a real foreign key, so tag filters and counts are plain joins."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # The article's publication time, kept by the database (articles/migrations/0013).
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        indexes = [TIMELINE_INDEXES["tag"]]


class CleanTagManager(_TaggableManager):
    """Tag names lose control characters before taggit looks them up or creates them.

    Cleaning here, and not only when a Tag row is saved, keeps "a\\vb" from missing the
    existing tag "a b" and then colliding with it on the unique name.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = (clean_text(tag).strip() if isinstance(tag, str) else tag for tag in tags)
        return super()._to_tag_model_instances([tag for tag in names if tag != ""], tag_kwargs)


def clean_tag_text(sender, instance: Tag, **kwargs) -> None:
    """taggit's Tag cannot use our field classes, so its name is cleaned as it is saved."""
    instance.name = clean_text(instance.name)


def give_tag_a_slug(sender, instance: Tag, **kwargs) -> None:
    """Fill in an empty slug from the name: never empty, unique among the other tags."""
    if not instance.slug:
        instance.slug = unique_slug(
            Tag.objects.exclude(pk=instance.pk),
            instance.name,
            max_length=Tag._meta.get_field("slug").max_length,
            fallback="tag",
        )


def connect() -> None:
    """Called from `ArticlesConfig.ready()`."""
    pre_save.connect(clean_tag_text, sender=Tag, dispatch_uid="articles_clean_tag_text")
    pre_save.connect(give_tag_a_slug, sender=Tag, dispatch_uid="articles_tag_slug")


def tags_from_string(text: str) -> list[str]:
    """Tags as typed in the article form: separated by commas only, so "New York" is one tag
    and nobody types quotes (taggit's default splits on spaces when there is no comma)."""
    names: dict[str, str] = {}
    for part in text.split(","):
        name = part.strip().strip('"').strip()
        if name:
            names.setdefault(name.lower(), name)
    return sorted(names.values(), key=str.lower)


def string_from_tags(tags) -> str:
    """The article form's tag field: names joined by commas, never quoted."""
    return ", ".join(sorted((tag.name for tag in tags), key=str.lower))
