"""API tokens (per user, hashed, scoped) and the first answers to idempotent creates."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.text import CleanCharField

# The secret's visible start: enough to tell tokens apart in the admin, never enough to use.
PREFIX_LENGTH = 8
TOKEN_PREFIX = "nr_"  # noqa: S105 (a label in front of every secret, not a secret)


def hash_secret(secret: str) -> str:
    """sha256 of the secret: it has 256 bits of entropy, so no slow hash is needed."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A user's key for the API. Its scope is capped by the user's role when it is used, so a
    role taken away later takes the scope away too."""

    class Scope(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Read and write drafts"
        PUBLISH = "publish", "Read, write drafts and publish"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = CleanCharField(max_length=100, help_text="What uses it, e.g. “Wire importer”.")
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=20, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def issue(self) -> str:
        """Give the token a new secret and return it: the only time it is ever readable."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = secret[: len(TOKEN_PREFIX) + PREFIX_LENGTH]
        self.key_hash = hash_secret(secret)
        return secret

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IdempotentCreate(models.Model):
    """The answer to a create sent with an `Idempotency-Key`: the same key from the same user
    gets the same answer again instead of a second article."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="unique_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.key}"
