"""What an import made of the old site's files, so their old addresses keep answering."""

from django.db import models

from core.text import CleanCharField


class WordPressUpload(models.Model):
    """A file of an imported WordPress site's uploads folder and what it became here: a library
    image, or a stored video or audio file. `/wp-content/uploads/<path>` (any size variant),
    `/?attachment_id=ID` and the attachment's page answer 301 to it."""

    site_url = CleanCharField(max_length=300, help_text="The blog it was imported from.")
    path = CleanCharField(
        max_length=500, help_text="Below wp-content/uploads, full size: 2013/03/photo.jpg"
    )
    attachment_id = models.PositiveBigIntegerField(
        "WordPress attachment ID", null=True, blank=True, db_index=True
    )
    image = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    file = models.CharField(max_length=255, blank=True, help_text="Storage name (video, audio).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site_url", "path"], name="wordpress_upload_unique")
        ]
        indexes = [models.Index(fields=["path"], name="wordpress_upload_path_idx")]

    def __str__(self) -> str:
        return self.path
