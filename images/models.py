"""The image library: one clean original per photo, with the words a page needs to show it.

An image is its own thing, not a field of an article: one photo serves many stories and an
author's portrait, and its alt text, caption, credit and focal point are written once.
"""

from functools import cached_property

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.utils import timezone

from core.loading import RowLoaded
from core.text import CleanCharField
from images import renditions
from images.media_urls import media_url
from images.originals import CleanOriginal, clean_upload, stored
from images.signals import renditions_ready
from images.tasks import generate_renditions

# Columns a page needs to deliver an image (select_related + only() in listings); the file's
# length is for feed enclosures of an image whose renditions are not made yet.
DELIVERY_FIELDS = (
    "id", "file", "file_size", "alt_text", "caption", "credit", "width", "height", "has_alpha",
    "sha256", "focal_x", "focal_y", "renditions_key",
)  # fmt: skip


class Image(RowLoaded, models.Model):
    file = models.FileField(max_length=255, editable=False)
    alt_text = CleanCharField(
        max_length=300,
        help_text="What the image shows, for readers who cannot see it. Required.",
    )
    caption = CleanCharField(max_length=500, blank=True)
    credit = CleanCharField(
        max_length=200, blank=True, help_text="Shown as written, e.g. “Photo: Jo Ruiz/Newsroom”."
    )
    photographer = models.ForeignKey(
        "authors.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photographs",
        help_text="Optional: the staff or freelance author who took it.",
    )
    focal_x = models.PositiveSmallIntegerField(
        "focal point across (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the left edge, 100 the right. Crops keep this point in view.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the top edge, 100 the bottom.",
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    has_alpha = models.BooleanField(default=False, editable=False)
    file_size = models.PositiveIntegerField(default=0, editable=False)
    sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    renditions_key = models.CharField(
        max_length=32, blank=True, editable=False, help_text="Key of the renditions on storage."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["-uploaded_at"], name="image_uploaded_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__lte=100, focal_y__lte=100),
                name="image_focal_point_in_percent",
            )
        ]

    def __str__(self) -> str:
        text = self.caption or self.alt_text or self.file.name.rsplit("/", 1)[-1]
        return text if len(text) <= 80 else f"{text[:79]}…"

    @classmethod
    def from_upload(cls, upload, by=None, **fields) -> "Image":
        """Check, clean and store `upload` as a new library image (ValidationError if unusable)."""
        image = cls(**fields)
        image.full_clean(exclude=["file", "width", "height", "sha256"])
        image.store(clean_upload(upload), by=by)
        return image

    def store(self, original: CleanOriginal | None = None, by=None) -> None:
        """Save the row, with a new clean original when given, and queue missing renditions.

        The original is written only after validation; if saving the row fails, the file
        written for it is removed, so a failed upload leaves neither a file nor a row.
        """
        replaced = self.file.name if self.pk and original is not None else ""
        with transaction.atomic():
            if original is None:
                self.save()
            else:
                with stored(original) as name:
                    self.use_original(original, name)
                    if by is not None and self.uploaded_by_id is None:
                        self.uploaded_by = by
                    self.save()
            if replaced and replaced != self.file.name:
                transaction.on_commit(lambda: self._delete_unused_original(replaced))
        if not self.renditions_ready:
            self.request_renditions()

    @staticmethod
    def _delete_unused_original(name: str) -> None:
        if not Image.objects.filter(file=name).exists():
            default_storage.delete(name)

    def use_original(self, original: CleanOriginal, name: str) -> None:
        """Point this image at a clean stored original (see `originals.stored`)."""
        self.file.name = name
        self.width, self.height = original.width, original.height
        self.has_alpha = original.has_alpha
        self.sha256 = original.sha256
        self.file_size = len(original.content)

    # Renditions ---------------------------------------------------------------------------

    @property
    def expected_key(self) -> str:
        return renditions.rendition_key(self.sha256, self.focal_x, self.focal_y)

    @property
    def renditions_ready(self) -> bool:
        """True once the files for the current content and focal point are all stored."""
        return bool(self.renditions_key) and self.renditions_key == self.expected_key

    @cached_property
    def rendition_plan(self) -> list[renditions.Rendition]:
        return renditions.plan(self.width, self.height, self.has_alpha, self.focal_x, self.focal_y)

    def renditions_of(self, family: str) -> list[renditions.Rendition]:
        return [r for r in self.rendition_plan if r.family == family]

    def rendition_url(self, rendition: renditions.Rendition, extension: str) -> str:
        return media_url(renditions.rendition_name(self.renditions_key, rendition, extension))

    def original_url(self) -> str:
        """URL of the clean original (memoized like the renditions': `media_url()`)."""
        return media_url(self.file.name)

    def social_url(self) -> str:
        """URL of the 1200×630 link-preview image (smaller if the original is), or the original.

        Relative to the site like any media URL; meta tags make it absolute.
        """
        social = self.renditions_of("social")
        if self.renditions_ready and social:
            return self.rendition_url(social[-1], social[-1].fallback_format)
        return self.original_url()

    def social_size(self) -> tuple[int, int]:
        social = self.renditions_of("social")
        if self.renditions_ready and social:
            return social[-1].width, social[-1].height
        return self.width, self.height

    def thumbnail_url(self) -> str:
        """A small square for the admin list, or the original until renditions exist."""
        squares = self.renditions_of("1x1")
        if self.renditions_ready and squares:
            square = squares[min(1, len(squares) - 1)]
            return self.rendition_url(square, square.fallback_format)
        return self.original_url()

    def make_renditions(self) -> int:
        """Write any missing rendition file and record the key; return files written.

        The key is recorded only if the row still shows the content and focal point the files
        were made for, so a focal point moved meanwhile is never marked done by a stale run.
        """
        key, plan, previous = self.expected_key, self.rendition_plan, self.renditions_key
        with default_storage.open(self.file.name, "rb") as source:
            written = renditions.generate(source, plan, key)
        recorded = Image.objects.filter(
            pk=self.pk, sha256=self.sha256, focal_x=self.focal_x, focal_y=self.focal_y
        ).update(renditions_key=key)
        self.renditions_key = key
        if recorded and key != previous:
            renditions_ready.send(sender=Image, instance=self)
        if previous and previous != key and not Image.objects.filter(renditions_key=previous):
            renditions.delete_all(previous)  # made for an old focal point or file
        return written

    def request_renditions(self) -> None:
        """Queue rendition generation after the current transaction commits."""
        pk = self.pk
        transaction.on_commit(lambda: generate_renditions.enqueue(pk))
