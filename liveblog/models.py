"""Live blogs: an article that carries short, timestamped updates (entries) while a story runs.

A `LiveBlog` shares its article's primary key, so `/live/<id>/...` and `/articles/<id>/...`
name the same story. Entries are numbered in the order they were published (`number`): that
order is what readers see, what the update check counts from (`?after` is a number) and what
makes archive pages stable (entry N is always on page `(N - 1) // page size + 1`).
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from core.reversing import cached_reverse
from core.sanitize import SanitizedHTMLField
from core.text import CleanTextField


class LiveBlog(models.Model):
    class State(models.TextChoices):
        LIVE = "live", "Live"
        PAUSED = "paused", "Paused"
        ENDED = "ended", "Ended"

    article = models.OneToOneField(
        "articles.Article", primary_key=True, on_delete=models.CASCADE, related_name="live_blog"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.LIVE)
    key_points = CleanTextField(
        blank=True, help_text="One point per line: the summary readers see above the updates."
    )
    coverage_start = models.DateTimeField(default=timezone.now)
    coverage_end = models.DateTimeField(
        null=True, blank=True, help_text="Set when the coverage ends (filled in on “Ended”)."
    )
    # The number the last published entry was given; entries never reuse a number.
    last_number = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        permissions = [
            ("publish_entry", "Can publish live blog entries"),
            ("edit_any_entry", "Can correct and delete any live blog entry"),
        ]

    def __str__(self) -> str:
        return f"Live: {self.article}"

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url()

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    @property
    def key_point_list(self) -> list[str]:
        return [line.strip() for line in self.key_points.splitlines() if line.strip()]

    def set_state(self, state: str) -> None:
        """Change the state; ending the coverage records when it ended (unless already set)."""
        self.state = state
        if state == self.State.ENDED and self.coverage_end is None:
            self.coverage_end = timezone.now()
        elif state != self.State.ENDED:
            self.coverage_end = None


class EntryQuerySet(models.QuerySet):
    def published(self) -> "EntryQuerySet":
        """What readers may see: published entries (the article's own visibility is checked
        by the views, which only find live blogs of public articles)."""
        return self.filter(published=True, number__isnull=False)

    def for_display(self) -> "EntryQuerySet":
        return self.select_related("author__photo", "image").order_by("-number")


class Entry(models.Model):
    """One update. Drafts (`published=False`) are a contributor's until an editor publishes."""

    live_blog = models.ForeignKey(LiveBlog, on_delete=models.CASCADE, related_name="entries")
    body = SanitizedHTMLField(seal_field="body_seal")
    body_seal = models.CharField(max_length=64, blank=True, editable=False)
    image = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        "authors.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when a published entry is corrected: readers see "Updated HH:MM".
    corrected_at = models.DateTimeField(null=True, blank=True, editable=False)
    pinned = models.BooleanField(default=False, help_text="Shown above the other updates.")
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-number", "-created_at"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["live_blog", "number"], name="entry_number_unique"),
        ]
        indexes = [models.Index(fields=["live_blog", "published", "number"])]

    def __str__(self) -> str:
        when = self.published_at or self.created_at
        return f"Update {self.number or '(draft)'} of {self.live_blog_id}, {when:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        """The entry on its archive page, which never changes once it is published."""
        if self.number is None:
            return self.live_blog.get_absolute_url()
        return f"{archive_url(self.live_blog_id, page_of(self.number))}#update-{self.pk}"

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"

    def publish(self, at=None) -> None:
        """Publish a draft: it gets the next number, so it is new to every reader's update
        check. A published entry that was withdrawn keeps its number and place."""
        if self.published:
            return
        with transaction.atomic():
            if self.number is None:
                LiveBlog.objects.filter(pk=self.live_blog_id).update(
                    last_number=F("last_number") + 1
                )
                self.number = LiveBlog.objects.values_list("last_number", flat=True).get(
                    pk=self.live_blog_id
                )
            self.published = True
            self.published_at = self.published_at or at or timezone.now()
            self.save()

    def withdraw(self) -> None:
        """Take a published entry off the page without deleting it."""
        self.published = False
        self.save(update_fields=["published"])

    def correct(self) -> None:
        """Mark a published entry as corrected now (call before saving an edit)."""
        if self.published:
            self.corrected_at = timezone.now()


def page_of(number: int) -> int:
    """The archive page that holds entry `number`, for ever."""
    return (number - 1) // settings.LIVEBLOG_PAGE_SIZE + 1


def archive_url(blog_id: int, page: int) -> str:
    return cached_reverse("liveblog:archive", pk=blog_id, page=page)
