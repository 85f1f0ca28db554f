"""Renditions: every size and crop a page needs, made once with Pillow and stored for good.

The plan is a pure function of the original's size, transparency and focal point, so templates
know every rendition's URL and dimensions without touching storage or the database. Files live
under a key derived from the original's content hash, the focal point and `VERSION`: a URL
always means the same bytes (cacheable for a year), and moving the focal point makes new URLs.

Memory stays bounded whatever the original's size: the source is decoded once, at the smallest
resolution that still serves the largest rendition (JPEG DCT scaling through `draft()`, then
`reduce()`), and every rendition is resampled straight from that one copy with `resize(box=)`.
No rendition makes a full-resolution copy of its own.
"""

import hashlib
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from PIL import Image as PILImage

from images.validation import ACCEPTED_FORMATS

# Bump when the output of `generate()` changes, so new files get new URLs (2: the 4:3 crop;
# run `manage.py generate_renditions` after deploying a new version).
VERSION = 2
RENDITIONS_DIR = "images/renditions"

# Layout widths for the original's own aspect ratio (article lead images).
WIDTHS = (320, 640, 960, 1280, 1920)


@dataclass(frozen=True)
class Crop:
    """A family of fixed-ratio renditions."""

    name: str
    ratio: Fraction
    widths: tuple[int, ...]
    webp: bool = True


CROPS = (
    Crop("16x9", Fraction(16, 9), (320, 640, 960, 1280)),  # teasers and cards
    Crop("1x1", Fraction(1, 1), (96, 160, 192, 320, 640)),  # avatars, thumbnails
    # Structured data: Google asks for 16:9, 4:3 and 1:1 images of at least 50,000 pixels.
    Crop("4x3", Fraction(4, 3), (1200,), webp=False),
    # Link previews: 1200×630 JPEG/PNG, the one size every social network reads.
    Crop("social", Fraction(1200, 630), (1200,), webp=False),
)

WEBP_OPTIONS = {"quality": 80, "method": 4}
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}
PNG_OPTIONS = {"compress_level": 6}


@dataclass(frozen=True)
class Rendition:
    """One output image: which box of the original, at which size, in which formats."""

    family: str
    width: int
    height: int
    box: tuple[int, int, int, int]  # left, upper, right, lower in original pixels
    formats: tuple[str, ...]  # file extensions, preferred first ("webp", then "jpg"/"png")

    @property
    def stem(self) -> str:
        return f"{self.family}-{self.width}x{self.height}"

    @property
    def fallback_format(self) -> str:
        return self.formats[-1]


def rendition_key(sha256: str, focal_x: int, focal_y: int) -> str:
    """The folder of an original's renditions: changes with its content and focal point."""
    seed = f"{sha256}:{focal_x}:{focal_y}:v{VERSION}"
    return hashlib.sha256(seed.encode()).hexdigest()[:24]


def rendition_name(key: str, rendition: Rendition, extension: str) -> str:
    return f"{RENDITIONS_DIR}/{key[:2]}/{key}/{rendition.stem}.{extension}"


def focal_box(
    width: int, height: int, ratio: Fraction, focal_x: int, focal_y: int
) -> tuple[int, int, int, int]:
    """The largest box of `ratio` inside the image, centred on the focal point where it can be.

    Near an edge the box is pushed back inside the image, so the focal point (percentages from
    the top left) is always inside the box, if not always at its centre.
    """
    if Fraction(width, height) > ratio:
        crop_h = height
        crop_w = min(width, max(1, round(height * ratio)))
    else:
        crop_w = width
        crop_h = min(height, max(1, round(width / ratio)))
    left = _clamp(round(width * focal_x / 100 - crop_w / 2), 0, width - crop_w)
    top = _clamp(round(height * focal_y / 100 - crop_h / 2), 0, height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def _widths(wanted: Iterable[int], available: int) -> list[int]:
    """The wanted widths that need no upscaling, plus the full width when it is smaller."""
    widths = [w for w in wanted if w <= available]
    if available < max(wanted) and available not in widths:
        widths.append(available)
    return sorted(widths)


def plan(width: int, height: int, has_alpha: bool, focal_x: int, focal_y: int) -> list[Rendition]:
    """Every rendition of an original of this size: never larger than the pixels it comes from."""
    return list(_plan(width, height, has_alpha, focal_x, focal_y))


# A page asks again for each image it shows (the crops' boxes take Fraction arithmetic: 360
# Python calls, a tenth of an uncached article page's meta tags); the answer depends on these
# five numbers alone, and Rendition is immutable.
@lru_cache(maxsize=4096)
def _plan(width: int, height: int, has_alpha: bool, focal_x: int, focal_y: int) -> tuple:
    fallback = "png" if has_alpha else "jpg"
    renditions = [
        Rendition("original", w, max(1, round(height * w / width)), (0, 0, width, height),
                  ("webp", fallback))
        for w in _widths(WIDTHS, width)
    ]  # fmt: skip
    for crop in CROPS:
        box = focal_box(width, height, crop.ratio, focal_x, focal_y)
        formats = ("webp", fallback) if crop.webp else (fallback,)
        for w in _widths(crop.widths, box[2] - box[0]):
            renditions.append(Rendition(crop.name, w, max(1, round(w / crop.ratio)), box, formats))
    return tuple(renditions)


def generate(
    source_file, renditions: list[Rendition], key: str, storage: Storage | None = None
) -> int:
    """Write every missing rendition file under `key`; return how many files were written.

    Existing files are left alone: the same name always holds the same bytes, so a second run
    writes nothing.
    """
    storage = storage or default_storage
    missing = [
        r for r in renditions
        if not all(storage.exists(rendition_name(key, r, ext)) for ext in r.formats)
    ]  # fmt: skip
    if not missing:
        return 0
    written = 0
    with PILImage.open(source_file, formats=list(ACCEPTED_FORMATS)) as source:
        full_w, full_h = source.size
        working = _decode_small(source, missing)
        scale_x, scale_y = working.width / full_w, working.height / full_h
        for rendition in missing:
            left, top, right, bottom = rendition.box
            box = (left * scale_x, top * scale_y, right * scale_x, bottom * scale_y)
            output = working.resize(
                (rendition.width, rendition.height), PILImage.Resampling.LANCZOS, box=box
            )
            for extension in rendition.formats:
                name = rendition_name(key, rendition, extension)
                if not storage.exists(name):
                    written += _save_once(storage, name, encode(output, extension))
            del output
    return written


def _save_once(storage: Storage, name: str, content: bytes) -> int:
    saved = storage.save(name, ContentFile(content))
    if saved != name:  # written meanwhile by another worker: keep theirs
        storage.delete(saved)
        return 0
    return 1


def _decode_small(source: PILImage.Image, renditions: list[Rendition]) -> PILImage.Image:
    """Decode once, at the smallest size from which every rendition is a downscale."""
    full_w, full_h = source.size
    needed = max(max(r.width / (r.box[2] - r.box[0]), r.height / (r.box[3] - r.box[1]))
                 for r in renditions)  # fmt: skip
    needed = min(needed, 1.0)
    wanted = (max(1, math.ceil(full_w * needed)), max(1, math.ceil(full_h * needed)))
    if source.format == "JPEG":
        source.draft(source.mode, wanted)  # decode at 1/2, 1/4 or 1/8 straight from the DCT
    source.load()
    working = source
    factor = min(working.width // wanted[0], working.height // wanted[1])
    if factor >= 2:
        working = working.reduce(factor)
    mode = "RGBA" if _has_alpha(working) else "RGB"
    if working.mode != mode:
        working = working.convert(mode)
    return working


def _has_alpha(image: PILImage.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def encode(image: PILImage.Image, extension: str) -> bytes:
    """Encode a rendition without any metadata (Pillow writes none unless asked)."""
    buffer = io.BytesIO()
    if extension == "webp":
        image.save(buffer, "WEBP", **WEBP_OPTIONS)
    elif extension == "png":
        image.save(buffer, "PNG", **PNG_OPTIONS)
    else:
        image.convert("RGB").save(buffer, "JPEG", **JPEG_OPTIONS)
    return buffer.getvalue()


def delete_all(key: str, storage: Storage | None = None) -> None:
    """Remove the rendition folder `key` (used when its original goes away)."""
    storage = storage or default_storage
    folder = f"{RENDITIONS_DIR}/{key[:2]}/{key}"
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        storage.delete(f"{folder}/{file}")
