"""What an upload must be before anything is written: a real, intact, reasonably sized image.

The file name and the browser's content type are ignored: Pillow reads the bytes, and only its
parsers for the formats we accept are allowed to try. Limits come from settings so a desk with
bigger cameras can raise them.
"""

import struct
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

# Pillow format name -> file extension of the stored original.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "AVIF": "avif"}
ACCEPTED_LABEL = "JPEG, PNG, WebP, GIF or AVIF"

# Everything Pillow raises on a damaged file; none of it may become a 500.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


def max_upload_bytes() -> int:
    return settings.IMAGES_MAX_UPLOAD_BYTES


def max_pixels() -> int:
    return settings.IMAGES_MAX_PIXELS


@dataclass(frozen=True)
class Probe:
    """What the header says, checked before a single pixel is decoded."""

    format: str
    width: int
    height: int


def probe_upload(upload: IO[bytes]) -> Probe:
    """Check size, real format and pixel count from the header; raise ValidationError if not.

    Decompression bombs are refused here, before decoding, from the dimensions in the header.
    """
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size == 0:
        raise ValidationError("The file is empty.", code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            "The file is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())},
        )
    upload.seek(0)
    try:
        with PILImage.open(upload, formats=list(ACCEPTED_FORMATS)) as image:
            probe = Probe(image.format, image.width, image.height)
            _check_pixels(probe.width, probe.height)
            image.verify()
    except PILImage.DecompressionBombError as error:
        raise ValidationError(
            "The image has far too many pixels to process safely; the limit is %(limit).0f "
            "megapixels.",
            code="too_many_pixels",
            params={"limit": max_pixels() / 1e6},
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(
            f"This file is not an image we accept ({ACCEPTED_LABEL}), whatever its name says.",
            code="not_an_image",
        ) from error
    except DECODE_ERRORS as error:
        raise ValidationError(
            "The image is damaged or incomplete and cannot be read.", code="corrupt"
        ) from error
    finally:
        upload.seek(0)
    return probe


def _check_pixels(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ValidationError("The image has no pixels.", code="corrupt")
    if width * height > max_pixels():
        raise ValidationError(
            "The image is %(width)s×%(height)s pixels (%(mp).0f megapixels); the limit is "
            "%(limit).0f megapixels. Export a smaller version and upload that.",
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "mp": width * height / 1e6,
                "limit": max_pixels() / 1e6,
            },
        )
