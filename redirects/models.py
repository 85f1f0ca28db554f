"""Old URLs that answer 301 to their new place, so inbound links never break."""

from django.db import models

from core.text import CleanCharField


class Redirect(models.Model):
    class Source(models.TextChoices):
        AUTOMATIC = "automatic", "Automatic (a slug changed)"
        MANUAL = "manual", "Added by an editor"
        IMPORT = "import", "Imported (old site)"

    old_path = CleanCharField(
        max_length=500, unique=True, help_text="Path on this site, e.g. /2013/03/old-post/"
    )
    new_path = CleanCharField(max_length=500, help_text="Where it now lives, e.g. /articles/4/x/")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    hits = models.PositiveIntegerField(default=0)
    last_hit_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]

    def __str__(self) -> str:
        return f"{self.old_path} → {self.new_path}"
