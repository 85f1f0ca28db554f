"""The stored original: upright, metadata-free, and named by its content.

Every file the public can fetch is clean, the original included: it is decoded once, turned
upright from its EXIF orientation, and re-encoded without EXIF, XMP, comments or GPS (only the
colour profile survives, because it is colour, not metadata). Animated images keep their first
frame. The name is the SHA-256 of the clean bytes, so a URL never changes meaning and can be
cached for a year.
"""

import contextlib
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from PIL import Image as PILImage
from PIL import ImageOps

from core.uploads import discard_files_on_failure, track_written
from images.limits import charge_decode
from images.validation import ACCEPTED_FORMATS, DECODE_ERRORS, probe_upload

ORIGINALS_DIR = "images/originals"
# Information Pillow may carry from the source into a saved file. Anything else is dropped.
KEPT_INFO = ("icc_profile", "transparency")
ENCODER_OPTIONS = {
    # Baseline, not progressive: renditions then decode it at 1/2-1/8 scale without buffering
    # every DCT coefficient of the full-size photo (progressive JPEGs need that).
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": False, "compress_level": 6},
    "WEBP": {"quality": 90, "method": 4},
    "GIF": {},
    "AVIF": {"quality": 85},
}


@dataclass(frozen=True)
class CleanOriginal:
    content: bytes
    format: str
    width: int
    height: int
    has_alpha: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def name(self) -> str:
        """Content-addressed storage name: same bytes, same name, whatever the upload was called."""
        digest = self.sha256
        return f"{ORIGINALS_DIR}/{digest[:2]}/{digest[:32]}.{ACCEPTED_FORMATS[self.format]}"


def has_alpha(image: PILImage.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def clean_upload(upload: IO[bytes]) -> CleanOriginal:
    """Validate `upload` and return its clean re-encoding; raise ValidationError if unusable.

    Nothing is written anywhere: callers store the result once everything else is valid.
    Inside a request, the decoding is charged to the request's limits first (`images.limits`).
    """
    probe = probe_upload(upload)
    charge_decode(probe.width, probe.height)
    try:
        with PILImage.open(upload, formats=[probe.format]) as source:
            source.load()  # full decode: a truncated or damaged body fails here
            ImageOps.exif_transpose(source, in_place=True)  # upright, without a second copy
            return _encode(source, probe.format)
    except DECODE_ERRORS as error:
        raise ValidationError(
            "The image is damaged or incomplete and cannot be read.", code="corrupt"
        ) from error
    finally:
        upload.seek(0)


def _encode(image: PILImage.Image, format: str) -> CleanOriginal:
    if format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")  # CMYK/YCCK: its colour profile no longer applies
        image.info.pop("icc_profile", None)
    image.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    options = dict(ENCODER_OPTIONS[format])
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    if format in ("WEBP", "AVIF") and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if has_alpha(image) else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, format, exif=b"", **options)
    return CleanOriginal(
        content=buffer.getvalue(),
        format=format,
        width=image.width,
        height=image.height,
        has_alpha=has_alpha(image),
    )


@contextlib.contextmanager
def stored(original: CleanOriginal, storage: Storage | None = None) -> Iterator[str]:
    """Write `original` to storage for the duration of a save; remove it if the save fails.

    The file is tracked by `core.uploads`, so it also goes if the request or import around the
    save fails later. Identical content already stored is reused and never removed here, since
    another image row may point at it.
    """
    storage = storage or default_storage
    name = original.name
    with discard_files_on_failure():
        if not storage.exists(name):
            saved = storage.save(name, ContentFile(original.content))
            if saved == name:
                track_written(storage, name)
            else:  # a concurrent upload of the same bytes won the race
                storage.delete(saved)
        yield name
