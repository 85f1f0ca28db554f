"""The editorial records that are not part of an article: the secret behind its preview links,
autosaved drafts and who has an article open."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class PreviewKey(models.Model):
    """A per-article secret signed into every preview link of the article.

    Rotating it (on unpublish, on moving to the trash, or with the edit page's "Revoke preview
    links") makes every link given out before answer 404 at once, well before its 48 hours.
    Made the first time a link is asked for, so articles never previewed have none.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="preview_key"
    )
    secret = models.CharField(max_length=32, default=new_secret)
    rotated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Preview key of article {self.article_id}"


class Draft(models.Model):
    """One user's autosaved, not yet saved form of one article (or of the new article they are
    writing, `article` empty): the article and its revisions are untouched until they save.

    `data` holds the form's own fields as the browser posts them (name → list of values), so
    restoring is loading the same form again; `loaded_version` is the revision the form was
    opened at, so a restored draft still meets the stale-save guard.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict)
    loaded_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_draft_per_article"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(article=None), name="one_new_article_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"Autosaved draft of {self.user} for article {self.article_id or '(new)'}"


class Presence(models.Model):
    """Who has an article open in the editor: a heartbeat every few seconds keeps it fresh.

    `taken_over_by` is set when another editor takes over; the first editor's next heartbeat
    tells them so.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    taken_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    taken_over_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_presence_per_article")
        ]

    def __str__(self) -> str:
        return f"{self.user} editing article {self.article_id}"
