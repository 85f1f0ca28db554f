"""Illustrations for the demo content, drawn with Pillow (no downloads, nothing copied).

Each story gets its own composition (a landscape, a skyline, a seascape or an orbit), laid
out from a seed taken from its headline, in its section's colours. The pictures hold no text
(a crop would cut it), and each has one clear subject whose position is returned as the
image's focal point, so every crop (16:9 teasers, 1:1 thumbnails, 4:3 and social cards) keeps it.
"""

import functools
import hashlib
import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageFont

SECTION_COLOURS = {
    "technology": ("#0b2545", "#3e7cb1"),
    "gaming": ("#2d0b45", "#b13e9c"),
    "good-news": ("#0b4525", "#7cc36e"),
    "science": ("#06343b", "#2ab7ca"),
    "business": ("#3b2a06", "#d9a441"),
    "culture": ("#45100b", "#e07a5f"),
}
DEFAULT_COLOURS = ("#222222", "#888888")
RGB = tuple[int, int, int]


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _vertical_gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    height = size[1]
    strip = Image.new("RGB", (1, height))
    strip.putdata([_mix(top, bottom, y / max(1, height - 1)) for y in range(height)])
    return strip.resize(size)


def _ridge(rng: random.Random, width: int, base: float, roughness: float) -> list[tuple]:
    """A hill line across the picture: a smoothed random walk around `base` (pixels)."""
    points, y = [], base
    for x in range(0, width + 60, 60):
        y += rng.uniform(-roughness, roughness)
        points.append((x, y))
    return points


def _landscape(rng, size, dark: RGB, light: RGB):
    width, height = size
    fx, fy = rng.uniform(0.25, 0.75), rng.uniform(0.25, 0.45)
    image = _vertical_gradient(size, _mix(light, (255, 255, 255), 0.5), light)
    draw = ImageDraw.Draw(image)
    sun = (fx * width, fy * height)
    radius = height * rng.uniform(0.08, 0.13)
    draw.ellipse([sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius],
                 fill=_mix((255, 236, 179), light, 0.15))  # fmt: skip
    for layer in range(4):
        base = height * (0.55 + layer * 0.12)
        ridge = _ridge(rng, width, base, height * 0.03)
        colour = _mix(light, dark, 0.35 + layer * 0.2)
        draw.polygon([*ridge, (width, height), (0, height)], fill=colour)
    return image, (fx, fy)


def _skyline(rng, size, dark: RGB, light: RGB):
    width, height = size
    image = _vertical_gradient(size, dark, _mix(light, (255, 200, 150), 0.4))
    draw = ImageDraw.Draw(image)
    tower_x = rng.uniform(0.25, 0.75) * width
    x = 0.0
    while x < width:
        w = rng.uniform(0.05, 0.1) * width
        tall = abs(x + w / 2 - tower_x) < w
        top = height * (rng.uniform(0.15, 0.25) if tall else rng.uniform(0.4, 0.75))
        body = _mix(dark, (0, 0, 0), 0.3 if tall else rng.uniform(0.1, 0.5))
        draw.rectangle([x, top, x + w - 6, height], fill=body)
        for wy in range(int(top) + 20, height - 20, 36):
            for wx in range(int(x) + 12, int(x + w) - 24, 28):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 12, wy + 18], fill=(255, 224, 140))
        if tall:
            tower_top = top
        x += w
    return image, (tower_x / width, max(0.1, tower_top / height + 0.1))


def _seascape(rng, size, dark: RGB, light: RGB):
    width, height = size
    horizon = height * rng.uniform(0.5, 0.6)
    fx = rng.uniform(0.25, 0.75)
    image = _vertical_gradient(size, dark, light)
    draw = ImageDraw.Draw(image, "RGBA")
    moon = (fx * width, horizon * rng.uniform(0.35, 0.6))
    radius = height * 0.09
    draw.ellipse([moon[0] - radius, moon[1] - radius, moon[0] + radius, moon[1] + radius],
                 fill=(250, 246, 230, 255))  # fmt: skip
    draw.rectangle([0, horizon, width, height], fill=(*_mix(dark, (0, 0, 0), 0.3), 255))
    for band in range(14):
        y = horizon + (height - horizon) * band / 14
        amplitude, phase = 6 + band * 2, rng.uniform(0, math.tau)
        line = [(x, y + amplitude * math.sin(x / 90 + phase)) for x in range(0, width + 30, 30)]
        draw.line(line, fill=(*light, 90), width=4)
        glint = moon[0] + rng.uniform(-radius, radius)
        draw.line([(glint - 40, y), (glint + 40, y)], fill=(250, 246, 230, 160), width=5)
    return image, (fx, moon[1] / height)


def _orbit(rng, size, dark: RGB, light: RGB):
    width, height = size
    fx, fy = rng.uniform(0.3, 0.7), rng.uniform(0.35, 0.65)
    image = Image.new("RGB", size, _mix(dark, (0, 0, 0), 0.5))
    draw = ImageDraw.Draw(image)
    for _ in range(260):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.choice((1, 1, 2, 3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(235, 235, 255))
    centre = (fx * width, fy * height)
    radius = height * rng.uniform(0.16, 0.22)
    for ring in range(1, 4):
        rx, ry = radius * (1.5 + ring * 0.5), radius * (0.45 + ring * 0.12)
        box = [centre[0] - rx, centre[1] - ry, centre[0] + rx, centre[1] + ry]
        draw.ellipse(box, outline=_mix(light, (255, 255, 255), 0.3), width=3)
    for band in range(8):  # the planet, in shaded bands
        shrink = radius * band / 10
        colour = _mix(light, dark, band / 9)
        draw.ellipse([centre[0] - radius + shrink * 0.6, centre[1] - radius + shrink,
                      centre[0] + radius - shrink * 1.4, centre[1] + radius - shrink * 0.4],
                     fill=colour)  # fmt: skip
    return image.filter(ImageFilter.SMOOTH), (fx, fy)


SCENES: tuple[Callable, ...] = (_landscape, _skyline, _seascape, _orbit)


@functools.cache
def lead_illustration(
    headline: str, section_slug: str, size=(1800, 1200)
) -> tuple[bytes, tuple[int, int]]:
    """A JPEG composition for a story, at 3:2 like a camera's photo, and its focal point
    (percent across, percent down) on the composition's subject.

    A pure function of its arguments, kept once drawn: seeding again in the same process (the
    tests seed many databases) costs no drawing or JPEG encoding."""
    dark, light = (ImageColor.getrgb(c) for c in SECTION_COLOURS.get(section_slug, DEFAULT_COLOURS))
    rng = random.Random(hashlib.sha256(headline.encode()).digest())  # noqa: S311 (pictures)
    scene = SCENES[rng.randrange(len(SCENES))]
    image, (fx, fy) = scene(rng, size, dark, light)
    focal = (round(min(max(fx, 0.0), 1.0) * 100), round(min(max(fy, 0.0), 1.0) * 100))
    return _jpeg(image), focal


@functools.cache
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
