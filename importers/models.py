"""What an import remembers of the WordPress items it made into pages, menu links and files.

Posts keep theirs on `articles.WordPressSource`, beside the article. Pages and menu items are
the `pages` app's, which knows nothing of importers, so their WordPress identity lives here:
the import reads it to update a page in place, to answer `?page_id=ID`, and to write nothing
on a second run. Uploads are recorded so that their old addresses keep answering.
"""

from django.db import models

from core.text import CleanCharField
from pages.models import MenuItem, Page


class WordPressPageSource(models.Model):
    """Where an imported page came from in WordPress: matched on (blog, post ID) on a re-run."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="wordpress_source")
    site_url = CleanCharField(max_length=300, blank=True, help_text="The blog's address")
    wp_post_id = models.PositiveBigIntegerField("WordPress post ID")
    guid = CleanCharField("GUID", max_length=500, blank=True)
    original_url = CleanCharField(max_length=500, blank=True)
    wp_status = CleanCharField("WordPress status", max_length=20)
    import_note = CleanCharField(
        max_length=300, blank=True, help_text="Why the import did what it did (e.g. kept private)."
    )
    source_hash = models.CharField(max_length=64, help_text="Fingerprint of the imported item.")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "WordPress page source"
        constraints = [
            models.UniqueConstraint(fields=["site_url", "wp_post_id"], name="unique_wp_page")
        ]

    def __str__(self) -> str:
        return f"WordPress page {self.wp_post_id} → {self.page}"


class WordPressMenuItemSource(models.Model):
    """Where an imported menu link came from. Kept when an editor deletes the link
    (`menu_item` becomes empty), so that a re-run does not bring it back."""

    menu_item = models.OneToOneField(
        MenuItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wordpress_source",
    )
    site_url = CleanCharField(max_length=300, blank=True, help_text="The blog's address")
    wp_post_id = models.PositiveBigIntegerField("WordPress post ID")
    wp_menu = CleanCharField("WordPress menu", max_length=200, blank=True)
    source_hash = models.CharField(max_length=64, help_text="Fingerprint of the imported item.")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "WordPress menu item source"
        constraints = [
            models.UniqueConstraint(fields=["site_url", "wp_post_id"], name="unique_wp_menu_item")
        ]

    def __str__(self) -> str:
        return f"WordPress menu item {self.wp_post_id} → {self.menu_item or 'deleted'}"


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
