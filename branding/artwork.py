"""The PNG files made from the brand's uploads, with Pillow.

- The publisher logo: Google wants a raster logo; the rule we follow is at least 600×60
  pixels, so the upload is scaled up or down and, when its shape is far from a banner's,
  centred on a transparent canvas of that size at least.
- The header logo: the upload at 2× the header's 48 px height (or its own size if smaller).
- Favicons: the icon made square (centred on a transparent canvas) at each of `ICON_SIZES`.

Generated names carry a digest of their bytes, so a new logo never hides behind a browser's
or CDN's copy of the old one.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from branding.models import ICON_SIZES, Brand
from branding.svg import clean_svg

PUBLISHER_MIN = (600, 60)
PUBLISHER_MAX_WIDTH = 1200
HEADER_HEIGHT = 96


def _open(field) -> PILImage.Image:
    field.open("rb")
    try:
        with PILImage.open(field) as image:
            image.load()
            return image.convert("RGBA")
    finally:
        field.close()


def publisher_logo(image: PILImage.Image) -> PILImage.Image:
    """`image` at least 600×60 and at most 1,200 wide, padded (never stretched) if needed."""
    width, height = image.size
    scale = max(PUBLISHER_MIN[0] / width, PUBLISHER_MIN[1] / height)
    if scale < 1:  # large enough already: only keep it a sensible size
        scale = min(1.0, PUBLISHER_MAX_WIDTH / width)
    scaled = image.resize(
        (max(1, round(width * scale)), max(1, round(height * scale))), PILImage.LANCZOS
    )
    canvas_size = (max(scaled.width, PUBLISHER_MIN[0]), max(scaled.height, PUBLISHER_MIN[1]))
    if canvas_size == scaled.size:
        return scaled
    canvas = PILImage.new("RGBA", canvas_size, (0, 0, 0, 0))
    canvas.paste(
        scaled, ((canvas_size[0] - scaled.width) // 2, (canvas_size[1] - scaled.height) // 2)
    )
    return canvas


def header_logo(image: PILImage.Image) -> PILImage.Image:
    if image.height <= HEADER_HEIGHT:
        return image
    width = max(1, round(image.width * HEADER_HEIGHT / image.height))
    return image.resize((width, HEADER_HEIGHT), PILImage.LANCZOS)


def square_icon(image: PILImage.Image, size: int) -> PILImage.Image:
    side = max(image.size)
    canvas = PILImage.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    return canvas.resize((size, size), PILImage.LANCZOS)


def _save_png(image: PILImage.Image, stem: str) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    data = buffer.getvalue()
    name = f"branding/{stem}-{hashlib.sha256(data).hexdigest()[:12]}.png"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    return name


def make_artwork(brand: Brand) -> None:
    """Make the PNG files of `brand` from its uploads (nothing from an upload that is gone)."""
    brand.logo_png = brand.logo_header_png = ""
    brand.logo_width = brand.logo_height = 0
    brand.publisher_logo_width = brand.publisher_logo_height = 0
    if brand.logo_raster:
        logo = _open(brand.logo_raster)
        publisher = publisher_logo(logo)
        brand.logo_png = _save_png(publisher, "logo")
        brand.publisher_logo_width, brand.publisher_logo_height = publisher.size
        header = header_logo(logo)
        brand.logo_header_png = _save_png(header, "logo-header")
        brand.logo_width, brand.logo_height = header.size
    if brand.logo_svg:
        brand.logo_svg.open("rb")
        try:
            _, (width, height) = clean_svg(brand.logo_svg.read())
        finally:
            brand.logo_svg.close()
        brand.logo_width, brand.logo_height = round(width * HEADER_HEIGHT / height), HEADER_HEIGHT
    brand.icons = {}
    if brand.icon:
        icon = _open(brand.icon)
        brand.icons = {
            str(size): _save_png(square_icon(icon, size), f"icon-{size}") for size in ICON_SIZES
        }
    brand.save()
