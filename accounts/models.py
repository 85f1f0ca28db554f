"""Staff sign-in protection: failed attempts counted per username and per address."""

from django.db import models


class LoginFailureWindow(models.Model):
    """Failed sign-ins for one username or one address, counted until `window_ends`.

    Kept in the database rather than the cache so every worker sees the same count and an
    unreachable Redis cannot switch throttling off.
    """

    key = models.CharField(max_length=100, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField(db_index=True)

    class Meta:
        # The table of the project package, where this model lived first.
        db_table = "newsroom_loginfailurewindow"

    def __str__(self) -> str:
        return f"{self.key}: {self.failures} until {self.window_ends:%Y-%m-%d %H:%M}"
