"""Webhook subscriptions and the log of what was sent to them (docs/webhooks.md)."""

import secrets
import uuid

from django.db import models


class Event(models.TextChoices):
    """What a subscriber can hear about: only changes to what the public site shows."""

    ARTICLE_PUBLISHED = "article.published", "Article published"
    ARTICLE_UPDATED = "article.updated", "Published article updated"
    ARTICLE_UNPUBLISHED = "article.unpublished", "Article unpublished"
    ARTICLE_DELETED = "article.deleted", "Published article deleted"
    ARTICLE_CORRECTED = "article.correction_added", "Correction added to an article"
    PAGE_PUBLISHED = "page.published", "Page published"
    PAGE_UPDATED = "page.updated", "Published page updated"
    PAGE_UNPUBLISHED = "page.unpublished", "Page unpublished"
    PAGE_DELETED = "page.deleted", "Published page deleted"


def new_secret() -> str:
    return secrets.token_hex(32)


class Subscription(models.Model):
    name = models.CharField(max_length=100, help_text="Who receives this: a partner, an app.")
    target_url = models.URLField(
        "target URL",
        max_length=500,
        help_text="http(s) URL that receives a signed POST for each event; redirects are not "
        "followed and private network addresses are refused.",
    )
    events = models.JSONField(default=list, help_text="Event names, e.g. article.published.")
    secret = models.CharField(
        max_length=64,
        default=new_secret,
        editable=False,
        help_text="Signs every delivery (HMAC-SHA256); give it to the receiver.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Turned off by itself after repeated failures."
    )
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    disabled_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was turned off for failing."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return self.is_active and event in self.events


class Delivery(models.Model):
    """One event for one subscription: the body exactly as signed, sent again on each retry."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RETRYING = "retrying", "Failed, will retry"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed for good"
        SKIPPED = "skipped", "Not sent (subscription off)"

    uuid = models.UUIDField("delivery id", default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=Event.choices)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["subscription", "-created_at"], name="delivery_log_idx")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription} ({self.uuid})"


class Attempt(models.Model):
    """One POST of a delivery: what came back, how long it took."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField()
    ok = models.BooleanField(default=False)
    status_code = models.PositiveSmallIntegerField("response code", null=True, blank=True)
    duration_ms = models.PositiveIntegerField("duration (ms)", default=0)
    response_excerpt = models.TextField("response body (start)", blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="attempt_number_unique")
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"
