"""Pages (About, Contact, policies) at root-level paths, their revisions, and the site menus."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from core.reversing import cached_reverse
from core.sanitize import SanitizedHTMLField
from core.text import CleanCharField, CleanTextField
from pages.reserved import is_reserved


def validate_link(value: str) -> None:
    """A menu link: a plain path on this site, or an http(s) or mailto address."""
    value = value.strip()
    if value.startswith("/"):
        if value.startswith("//") or any(char.isspace() or char == "\\" for char in value):
            raise ValidationError("Enter a path on this site such as /about/, without spaces.")
        return
    if value.startswith("mailto:") and "@" in value:
        return
    URLValidator(schemes=["http", "https"])(value)


# A page's path holds its ancestors' slugs: /about/team/history/ is three deep.
MAX_DEPTH = 4


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        """The one definition of a public page: published. Drafts are never public."""
        return self.filter(status=Page.Status.PUBLISHED)


class Page(models.Model):
    """A standing page of the site, served at `/<path>/`, where `path` is its ancestors'
    slugs and its own (`about/team`). The path is kept in the row, so serving a page is one
    indexed lookup whatever its depth; `save()` keeps it in step with `slug` and `parent`."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = CleanCharField(max_length=200)
    slug = models.SlugField(max_length=100, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Put this page under another one: /about/ and /about/team/.",
    )
    path = models.CharField(max_length=500, unique=True, editable=False)
    body = SanitizedHTMLField(blank=True, seal_field="body_seal")
    body_seal = models.CharField(max_length=64, blank=True, editable=False)
    seo_title = CleanCharField(
        "SEO title", max_length=70, blank=True, help_text="For search results; the title if empty."
    )
    seo_description = CleanTextField(
        "SEO description",
        max_length=300,
        blank=True,
        help_text="One or two sentences for search results and link previews.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="unique_page_slug_in_parent"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.path = self.path_for(self.slug, self.parent)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("pages:page", path=self.path)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @staticmethod
    def path_for(slug: str, parent: "Page | None") -> str:
        return f"{parent.path}/{slug}" if parent else slug

    def clean(self) -> None:
        errors = {}
        if self.parent_id is None and self.slug and is_reserved(self.slug):
            errors["slug"] = (
                f"/{self.slug}/ belongs to the site itself (its own pages live there). "
                "Choose another slug, or put the page under another page."
            )
        if self.parent_id:
            errors.update(self._parent_errors())
        if self.slug and not errors:
            path = self.path_for(self.slug, self.parent if self.parent_id else None)
            if Page.objects.exclude(pk=self.pk).filter(path=path).exists():
                errors["slug"] = f"Another page already lives at /{path}/."
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self) -> dict:
        depth, parent, seen = 1, self.parent, set()
        while parent is not None:
            if parent.pk == self.pk or parent.pk in seen:
                return {"parent": "A page cannot be inside itself or one of its own sub-pages."}
            seen.add(parent.pk)
            depth += 1
            parent = parent.parent
        if depth + self._subtree_height() > MAX_DEPTH:
            return {"parent": f"Pages nest at most {MAX_DEPTH} deep; pick a higher parent."}
        return {}

    def _subtree_height(self) -> int:
        if self.pk is None:
            return 0
        height, level = 0, [self.pk]
        while level and height <= MAX_DEPTH:
            level = list(Page.objects.filter(parent_id__in=level).values_list("pk", flat=True))
            height += bool(level)
        return height


class PageRevision(models.Model):
    """What a page said after each save in the admin: who saved it, when, and the text."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Page.Status.choices)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.saved_at:%Y-%m-%d %H:%M})"


class MenuItem(models.Model):
    """A link in the header or footer menu: to a section, a page, or any URL.

    Header items may have children (one level: a drop-down list under the top item).
    """

    class Menu(models.TextChoices):
        HEADER = "header", "Header"
        FOOTER = "footer", "Footer"

    menu = models.CharField(max_length=10, choices=Menu.choices, default=Menu.HEADER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text="Header menu only: show this link under a top-level item.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lowest first.")
    label = CleanCharField(
        max_length=80, blank=True, help_text="Left empty: the section's name or page's title."
    )
    section = models.ForeignKey("articles.Section", null=True, blank=True, on_delete=models.CASCADE)
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE)
    url = models.CharField(
        "URL",
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="A path on this site (/corrections/) or a full address (https://…).",
    )

    class Meta:
        ordering = ["menu", "position", "pk"]

    def __str__(self) -> str:
        return self.text or self.url

    @property
    def text(self) -> str:
        if self.label:
            return self.label
        if self.section_id:
            return self.section.name
        if self.page_id:
            return self.page.title
        return self.url

    @property
    def href(self) -> str:
        if self.section_id:
            return self.section.get_absolute_url()
        if self.page_id:
            return self.page.get_absolute_url()
        return self.url

    def clean(self) -> None:
        targets = sum(bool(value) for value in (self.section_id, self.page_id, self.url))
        if targets != 1:
            raise ValidationError("Link to exactly one thing: a section, a page or a URL.")
        if self.url and not self.label:
            raise ValidationError({"label": "A link to a URL needs a label."})
        if self.parent_id:
            parent = self.parent
            if self.menu != self.Menu.HEADER:
                raise ValidationError({"parent": "Only the header menu has sub-items."})
            if parent.pk == self.pk or parent.parent_id or parent.menu != self.menu:
                raise ValidationError({"parent": "Pick a top-level item of the header menu."})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "This item has sub-items, so it must stay top-level."}
                )
