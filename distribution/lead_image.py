"""The one place distribution code (feeds, structured data, social cards) reads a lead image.

Feeds, JSON-LD and OpenGraph need an absolute URL, a MIME type, the pixel size and, for RSS
enclosures, the file's length. Reading them here keeps the storage details of
`Article.lead_image` out of those consumers, so a change in how lead images are stored touches
this module only.
"""

import mimetypes
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.core.files.storage import default_storage

from articles.models import Article
from distribution.absolute import absolute_url
from images import renditions
from images.models import Image

# The crops search engines read from NewsArticle `image`, widest first (Google's three ratios).
STRUCTURED_DATA_CROPS = ("16x9", "4x3", "1x1")


@dataclass(frozen=True)
class LeadImage:
    url: str
    alt: str
    mime_type: str
    width: int
    height: int
    storage_name: str = ""  # the rendition's file in default_storage, to learn its length
    length: int | None = None  # bytes, when known


def lead_image(article: Article) -> LeadImage | None:
    """The article's lead image for distribution, or None when it has none.

    This is the library image's 1200×630 social rendition (the clean original until the
    renditions exist), with its size, which comes from the image row at no cost.
    """
    return library_image(article.lead_image)


def library_image(image) -> LeadImage | None:
    """A library image as distribution needs it (the social card picks its own image)."""
    if image is None:
        return None
    social = image.renditions_of("social") if image.renditions_ready else []
    if social:
        return _rendition(image, social[-1])
    return _original(image)


def lead_image_crops(article: Article) -> list[LeadImage]:
    """The largest 16:9, 4:3 and 1:1 renditions of the lead image (the original alone until
    the renditions exist); empty without a lead image."""
    image = article.lead_image
    if image is None:
        return []
    if not image.renditions_ready:
        return [_original(image)]
    crops = []
    for family in STRUCTURED_DATA_CROPS:
        made = image.renditions_of(family)
        if made:
            crops.append(_rendition(image, made[-1]))
    return crops or [_original(image)]


def _rendition(image: Image, rendition: renditions.Rendition) -> LeadImage:
    extension = rendition.fallback_format
    return LeadImage(
        url=absolute_url(image.rendition_url(rendition, extension)),
        alt=image.alt_text,
        mime_type=mimetypes.guess_type(f"x.{extension}")[0] or "image/jpeg",
        width=rendition.width,
        height=rendition.height,
        storage_name=renditions.rendition_name(image.renditions_key, rendition, extension),
    )


def _original(image: Image) -> LeadImage:
    return LeadImage(
        url=absolute_url(image.original_url()),
        alt=image.alt_text,
        mime_type=mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
        width=image.width,
        height=image.height,
        length=image.file_size or None,
    )


def with_lengths(images: list[LeadImage | None]) -> list[LeadImage | None]:
    """`images` with the length of each file filled in where it can be known."""
    lengths = _file_lengths([image for image in images if image is not None])
    return [
        replace(image, length=lengths[image.storage_name])
        if image is not None and image.storage_name in lengths
        else image
        for image in images
    ]


def _file_lengths(images: list[LeadImage]) -> dict[str, int]:
    """The length in bytes of each rendition's file, by storage name; missing files left out.

    A rendition's name always holds the same bytes (its folder is derived from the original's
    content hash, focal point and rendition version), so a length is asked of the storage once
    and then kept in the cache for good: a feed of thirty items costs one cache round trip, not
    thirty storage requests (S3 HEADs). An original's length is on its image row.
    """
    names = {image.storage_name for image in images if image.storage_name}
    keys = {f"file-length:{name}": name for name in names}
    known = {keys[key]: length for key, length in cache.get_many(list(keys)).items()}
    found = {}
    for name in names - known.keys():
        try:
            found[name] = default_storage.size(name)
        except OSError:  # not written yet (renditions queued): no length rather than a wrong one
            continue
    if found:
        cache.set_many({f"file-length:{name}": length for name, length in found.items()}, None)
    return {**known, **found}
