"""The desk's records: planned stories, who works on what, internal notes, notifications.

None of this is public: no public view, feed, sitemap or search index reads these tables.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.text import CleanCharField, CleanTextField

User = settings.AUTH_USER_MODEL


class BudgetLine(models.Model):
    """A planned story on the budget, before (and while) it is written."""

    class Status(models.TextChoices):
        IDEA = "idea", "Idea"
        ASSIGNED = "assigned", "Assigned"
        IN_PROGRESS = "in_progress", "In progress"
        FILED = "filed", "Filed"
        PUBLISHED = "published", "Published"
        DROPPED = "dropped", "Dropped"

    slug = CleanCharField(
        "working headline", max_length=200, help_text="A slug or working headline."
    )
    section = models.ForeignKey(
        "articles.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    writer = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="lines_to_write"
    )
    editor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="lines_to_edit"
    )
    planned_for = models.DateTimeField("planned publication", null=True, blank=True, db_index=True)
    length = models.PositiveIntegerField("length (words)", null=True, blank=True)
    notes = CleanTextField(blank=True, help_text="What the story is, sources, angles.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IDEA)
    article = models.OneToOneField(
        "articles.Article",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="budget_line",
    )
    created_by = models.ForeignKey(
        User, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["planned_for", "id"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("desk:line", args=[self.pk])

    @property
    def current_status(self) -> str:
        """The stored status until an article exists; from then on, the article's progress."""
        article = self.article
        if article is None:
            return self.status
        Article = type(article)
        if article.trashed_at is not None:
            return self.Status.DROPPED
        if article.status == Article.Status.DRAFT:
            return self.Status.IN_PROGRESS
        if article.status == Article.Status.PUBLISHED:
            return self.Status.PUBLISHED
        return self.Status.FILED  # in review, ready, or withdrawn after publication

    @property
    def current_status_label(self) -> str:
        return self.Status(self.current_status).label


class Assignment(models.Model):
    """Who writes and who edits an article (kept beside the article, not on it)."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="assignment"
    )
    writer = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles_to_write"
    )
    editor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles_to_edit"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Assignment of {self.article}"


class AssignmentChange(models.Model):
    """One change of writer or editor, for the activity timeline."""

    class Role(models.TextChoices):
        WRITER = "writer", "writer"
        EDITOR = "editor", "editor"

    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.CASCADE, related_name="+"
    )
    budget_line = models.ForeignKey(
        BudgetLine, null=True, on_delete=models.CASCADE, related_name="assignment_changes"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["article", "-at"], name="assignment_change_idx")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user or 'nobody'}"


class Note(models.Model):
    """An internal note on an article or a budget line; never shown to readers."""

    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    budget_line = models.ForeignKey(
        BudgetLine, null=True, blank=True, on_delete=models.CASCADE, related_name="thread"
    )
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = CleanTextField()
    step = CleanCharField(
        max_length=30, blank=True, help_text="The workflow step this note came with."
    )
    mentions = models.ManyToManyField(User, blank=True, related_name="mentioned_in")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False, budget_line__isnull=True)
                | Q(article__isnull=True, budget_line__isnull=False),
                name="note_on_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"Note by {self.author or 'someone'}: {self.text[:60]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def thread_url(self) -> str:
        if self.article_id:
            return reverse("desk:article", args=[self.article_id])
        return reverse("desk:line", args=[self.budget_line_id])


class Notification(models.Model):
    """Something that happened that one user should know about."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back"
        READY = "ready", "Approved, ready"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        MENTIONED = "mentioned", "Mentioned"
        ASSIGNED = "assigned", "Assigned"
        TAKEN_OVER = "taken_over", "Editing taken over"

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.CASCADE, related_name="+"
    )
    budget_line = models.ForeignKey(
        BudgetLine, null=True, on_delete=models.CASCADE, related_name="+"
    )
    message = CleanCharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.message

    @property
    def target_url(self) -> str:
        if self.article_id:
            return reverse("desk:article", args=[self.article_id])
        if self.budget_line_id:
            return reverse("desk:line", args=[self.budget_line_id])
        return reverse("desk:notifications")


class EmailPreference(models.Model):
    """Which notifications also come by email; no row means the defaults below."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="desk_email"
    )
    submitted = models.BooleanField("submitted for review", default=True)
    sent_back = models.BooleanField("sent back with a note", default=True)
    ready = models.BooleanField("approved, ready", default=True)
    scheduled = models.BooleanField(default=True)
    published = models.BooleanField(default=True)
    mentioned = models.BooleanField(default=True)
    assigned = models.BooleanField(default=True)
    taken_over = models.BooleanField("editing taken over", default=True)

    def __str__(self) -> str:
        return f"Email preferences of {self.user}"

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))
