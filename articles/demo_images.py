"""Illustrations for the demo content, drawn with Pillow (no downloads, nothing copied)."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont, ImageOps

SECTION_COLOURS = {
    "technology": ("#0b2545", "#3e7cb1"),
    "gaming": ("#2d0b45", "#b13e9c"),
    "good-news": ("#0b4525", "#7cc36e"),
    "science": ("#06343b", "#2ab7ca"),
    "business": ("#3b2a06", "#d9a441"),
    "culture": ("#45100b", "#e07a5f"),
}
DEFAULT_COLOURS = ("#222222", "#888888")


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def lead_illustration(headline: str, section_slug: str, size=(1800, 1200)) -> bytes:
    """A diagonal gradient in the section's colours with shapes placed by the headline's hash,
    and the section's name, at 3:2 like a camera's photo so the focal-point crops show."""
    dark, light = SECTION_COLOURS.get(section_slug, DEFAULT_COLOURS)
    gradient = Image.linear_gradient("L").rotate(45, expand=True).resize(size)
    image = ImageOps.colorize(gradient, dark, light).convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")
    seed = hashlib.sha256(headline.encode()).digest()
    width, height = size
    for index in range(6):
        x = seed[index] * width // 255
        y = seed[index + 6] * height // 255
        radius = 40 + seed[index + 12] % 160
        alpha = 50 + seed[index + 18] % 90
        box = (x - radius, y - radius, x + radius, y + radius)
        if index % 2:
            draw.ellipse(box, fill=(255, 255, 255, alpha))
        else:
            draw.rectangle(box, outline=(255, 255, 255, alpha), width=6)
    label = section_slug.replace("-", " ").upper()
    font = ImageFont.load_default(size=height // 12)
    draw.text((width // 20, height - height // 20), label, fill=(255, 255, 255, 220), font=font,
              anchor="ls")  # fmt: skip
    return _jpeg(image)


def author_portrait(name: str, size: int = 320) -> bytes:
    """A round-friendly square with the author's initials on a colour derived from the name."""
    digest = hashlib.sha256(name.encode()).digest()
    background = (40 + digest[0] % 120, 40 + digest[1] % 120, 60 + digest[2] % 120)
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    return _jpeg(image)
