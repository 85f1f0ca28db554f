"""The content: sections, articles, their bylines, tags and hand-picked related stories."""

from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager

from articles import querysets
from articles.querysets import ARTICLE_INDEXES, TIMELINE_INDEXES, ArticleQuerySet, SectionQuerySet
from articles.seo import SeoFields
from articles.tagging import CleanTagManager, TaggedArticle
from core.loading import RowLoaded
from core.reversing import cached_reverse
from core.sanitize import SanitizedHTMLField
from core.slugs import unique_slug
from core.text import CleanCharField, CleanTextField


class Section(RowLoaded, models.Model):
    """A desk and its front page. Sections nest one level deep (Technology › Gaming)."""

    name = CleanCharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    description = CleanTextField(blank=True)
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

    def save(self, *args, **kwargs) -> None:
        if not self.slug:  # made in code rather than the admin: never an empty slug
            others = Section.objects.exclude(pk=self.pk)
            self.slug = unique_slug(others, self.name, max_length=80, fallback="section")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("articles:section", slug=self.slug)

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


class Article(RowLoaded, SeoFields):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        READY = "ready", "Ready"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    headline = CleanCharField(max_length=300)
    slug = models.SlugField(
        max_length=255,
        allow_unicode=True,
        blank=True,
        help_text="Part of the URL. Left empty, it is made from the headline.",
    )
    standfirst = CleanTextField(blank=True, help_text="One or two sentences.")
    body = SanitizedHTMLField(blank=True, seal_field="body_seal")
    body_seal = models.CharField(max_length=64, blank=True, editable=False)
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of",
        help_text="Pick from the image library; its alt text and credit come with it.",
    )
    lead_image_caption = CleanCharField(
        "caption for this story",
        max_length=500,
        blank=True,
        help_text="Leave empty to use the image's own caption.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(
        "authors.Author", through="Byline", related_name="articles", blank=True
    )
    tags = TaggableManager(through=TaggedArticle, blank=True, manager=CleanTagManager)
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
    unpublish_at = models.DateTimeField(
        "expires at",
        null=True,
        blank=True,
        help_text="Optional: the article leaves the public site by itself at this time.",
    )
    trashed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Set when moved to the trash."
    )
    version = models.PositiveIntegerField(
        default=0, editable=False, help_text="Raised by every editor save; guards stale forms."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL; by search/

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = ARTICLE_INDEXES  # beside the queries they serve, in querysets.py
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("edit_any_article", "Can edit articles of other people at any status"),
            ("purge_article", "Can delete articles from the trash for good"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.headline, allow_unicode=True)[:255] or "article"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:  # "-" while a form shows an empty slug: it redirects
        return cached_reverse("articles:detail", pk=self.pk, slug=self.slug or "-")

    @property
    def is_public(self) -> bool:
        """The same rule as `ArticleQuerySet.published()`, for one article in memory."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.trashed_at is None
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_expired(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.unpublish_at is not None
            and self.unpublish_at <= timezone.now()
        )

    @property
    def editorial_status(self) -> str:
        """The status an editor reads: Published splits into Scheduled, Published and Expired."""
        if self.trashed_at:
            return "In trash"
        if self.is_scheduled:
            return "Scheduled"
        if self.is_expired:
            return "Expired"
        return self.get_status_display()

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
        """Authors in byline order: from the rows read `with_byline_rows()`, else from the
        `with_bylines()` prefetch (not `self.bylines`: a manager per access), else a query."""
        if (authors := querysets.authors_from_rows(self)) is not None:
            return authors
        prefetched = self.__dict__.get("_prefetched_objects_cache", {}).get("bylines")
        bylines = prefetched if prefetched is not None else self.bylines.all()
        return [byline.author for byline in bylines]

    @property
    def tag_list(self) -> list:
        """The article's tags: from the rows read `with_tag_rows()`, else the relation's."""
        tags = querysets.tags_from_rows(self)
        return tags if tags is not None else list(self.tags.all())

    def mark_updated(self, at: datetime | None = None) -> None:
        """Record a visible update; only meaningful once the article is public."""
        if self.is_public:
            self.updated_at = at or timezone.now()


class Byline(models.Model):
    """An author on an article, in the order the editor gave."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("authors.Author", on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)
    # The article's publication time, kept by the database like TaggedArticle.published_at.
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_byline")]
        indexes = [TIMELINE_INDEXES["author"]]

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


class Transition(models.Model):
    """One step of the editorial workflow: who moved the article, from where to where, when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = CleanCharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.article}: {self.from_status} → {self.to_status}"


class Revision(models.Model):
    """A snapshot of an article's editable fields (tags and bylines included) after a save.

    `number` equals the article's `version` after that save, so a stale form's version names the
    revision it was loaded from.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    message = CleanCharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.article} · revision {self.number}"


class Correction(models.Model):
    """A dated correction or update note, shown at the end of the article and on /corrections/."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = CleanTextField(help_text="Plain text: what was wrong, and what is right.")
    noted_at = models.DateTimeField("date", default=timezone.now)

    class Meta:
        ordering = ["noted_at", "id"]
        indexes = [models.Index(fields=["-noted_at"], name="correction_recent_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.noted_at:%d %B %Y}: {self.text[:60]}"


class HomeSlot(models.Model):
    """An editor's pick for the home page: the lowest position that is public leads."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="home_slot")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="0 leads the page; featured stories follow in this order."
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "home-page pick"
        verbose_name_plural = "home-page picks"

    def __str__(self) -> str:
        return f"{self.position}: {self.article}"


class WordPressSource(models.Model):
    """Where an imported article came from in WordPress, so a re-run updates it in place.

    Matched on (site, post ID), then on GUID. Also keeps what Newsroom has no field for yet:
    why a post was made a draft, whether it was sticky, the original featured image URL.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="wordpress_source"
    )
    site_url = CleanCharField(max_length=300, blank=True, help_text="wp:base_site_url")
    wp_post_id = models.PositiveBigIntegerField("WordPress post ID")
    guid = CleanCharField("GUID", max_length=500, blank=True, db_index=True)
    original_url = CleanCharField(max_length=500, blank=True)
    wp_status = CleanCharField("WordPress status", max_length=20)
    import_note = CleanCharField(
        max_length=300, blank=True, help_text="Why the import did what it did (e.g. kept private)."
    )
    sticky = models.BooleanField(default=False, help_text="Sticky in WordPress.")
    lead_image_url = CleanCharField(max_length=500, blank=True)
    lead_image_missing = models.BooleanField(default=False)
    source_hash = models.CharField(max_length=64, help_text="Fingerprint of the imported item.")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "WordPress source"
        constraints = [
            models.UniqueConstraint(fields=["site_url", "wp_post_id"], name="unique_wp_post")
        ]

    def __str__(self) -> str:
        return f"WordPress post {self.wp_post_id} → {self.article}"
