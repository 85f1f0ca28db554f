"""The content: sections, articles, their bylines, tags and hand-picked related stories."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from newsroom.sanitize import SanitizedHTMLField

from .querysets import ArticleQuerySet, SectionQuerySet


class Section(models.Model):
    """A desk and its front page. Sections nest one level deep (Technology › Gaming)."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site navigation (lowest first)."
    )
    show_in_navigation = models.BooleanField(default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "A section cannot be its own parent."})
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": "Sections nest one level deep: pick a top-level section."}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "This section has child sections, so it must stay top-level."}
                )


class TaggedArticle(TaggedItemBase):
    """Tag links with a real foreign key, so tag filters and counts are plain joins."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        READY = "ready", "Ready"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=255,
        allow_unicode=True,
        blank=True,
        help_text="Part of the URL. Left empty, it is made from the headline.",
    )
    dek = models.TextField("standfirst", blank=True, help_text="One or two sentences.")
    body = SanitizedHTMLField(blank=True)
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text="Pick from the image library; its alt text and credit come with it.",
    )
    lead_image_caption = models.CharField(
        "caption for this story",
        max_length=500,
        blank=True,
        help_text="Leave empty to use the image's own caption.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(
        "authors.Author", through="Byline", related_name="articles", blank=True
    )
    tags = TaggableManager(through=TaggedArticle, blank=True)
    related = models.ManyToManyField(
        "self",
        through="RelatedArticle",
        through_fields=("article", "target"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="A future time schedules the article."
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when a published article is edited."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.headline, allow_unicode=True)[:255] or "article"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def lead_caption(self) -> str:
        """This story's caption for its lead image, else the image's own."""
        if self.lead_image_caption or self.lead_image is None:
            return self.lead_image_caption
        return self.lead_image.caption

    @property
    def byline_authors(self) -> list:
        """Authors in byline order (uses the `with_bylines()` prefetch when present)."""
        return [byline.author for byline in self.bylines.all()]

    def publish(self, at: datetime | None = None) -> None:
        """Publish now, or schedule for `at`. Re-publishing keeps the first publication time."""
        self.status = self.Status.PUBLISHED
        if at is not None or self.published_at is None:
            self.published_at = at or timezone.now()
        self.save()

    def mark_updated(self, at: datetime | None = None) -> None:
        """Record a visible update; only meaningful once the article is public."""
        if self.is_public:
            self.updated_at = at or timezone.now()


class Byline(models.Model):
    """An author on an article, in the order the editor gave."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("authors.Author", on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_byline")]

    def __str__(self) -> str:
        return f"{self.author} on {self.article}"


class RelatedArticle(models.Model):
    """A hand-picked related story, shown first in the "More in" widget."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="incoming_related_links",
        verbose_name="related article",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "target"], name="unique_related"),
            models.CheckConstraint(
                condition=~models.Q(article=models.F("target")), name="related_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.target}"
