"""The publication's look: its logo, its icons and its theme colour."""

from django.core.validators import RegexValidator
from django.db import models

# The header colour of the stylesheet: the default theme colour.
DEFAULT_THEME_COLOUR = "#1d3557"
# Sizes made from the icon: browsers' tab icon, RSS's channel image (144 is its widest), Apple's
# touch icon, Atom's icon and the web manifest's.
ICON_SIZES = (32, 144, 180, 192, 512)


class Brand(models.Model):
    """The site's brand: one row (the first one made), edited in the admin.

    The uploads are the sources; the PNG files Google and browsers want are made from them
    with Pillow by `branding.artwork.make_artwork()` and are never edited by hand.
    """

    logo_svg = models.FileField(
        "logo (SVG)",
        upload_to="branding/",
        blank=True,
        help_text="Shown in the header. Scripts, styles and links to other files are removed.",
    )
    logo_raster = models.FileField(
        "logo (PNG, JPEG or WebP)",
        upload_to="branding/",
        blank=True,
        help_text="Needed for search engines and feeds, which want a raster logo; a PNG of at "
        "least 600×60 pixels is made from it. Shown in the header when there is no SVG.",
    )
    icon = models.FileField(
        "icon (PNG, JPEG or WebP)",
        upload_to="branding/",
        blank=True,
        help_text="A square mark, at least 512×512 pixels; favicons and feed icons of 32 to 512 "
        "pixels are made from it.",
    )
    theme_colour = models.CharField(
        max_length=7,
        default=DEFAULT_THEME_COLOUR,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour such as #1d3557.")],
        help_text="Colours the browser's interface on phones (meta theme-color).",
    )
    # Made from the uploads (branding/artwork.py).
    logo_png = models.FileField(upload_to="branding/", blank=True, editable=False)
    logo_header_png = models.FileField(upload_to="branding/", blank=True, editable=False)
    publisher_logo_width = models.PositiveIntegerField(default=0, editable=False)
    publisher_logo_height = models.PositiveIntegerField(default=0, editable=False)
    logo_width = models.PositiveIntegerField(default=0, editable=False)
    logo_height = models.PositiveIntegerField(default=0, editable=False)
    icons = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "brand"
        verbose_name_plural = "brand"

    def __str__(self) -> str:
        return "Site brand"
