"""The one place distribution code (feeds, structured data, social cards) reads a lead image.

Feeds, JSON-LD and OpenGraph need an absolute URL, a MIME type and, where cheap, the pixel
size. Reading them here keeps the storage details of `Article.lead_image` out of those
consumers, so a change in how lead images are stored touches this module only.
"""

import mimetypes
from dataclasses import dataclass

from django.conf import settings

from .models import Article


@dataclass(frozen=True)
class LeadImage:
    url: str
    alt: str
    mime_type: str
    width: int | None = None
    height: int | None = None


def absolute_url(url: str) -> str:
    """`url` made absolute on the canonical site (SITE_URL), unless it already is."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


def lead_image(article: Article, with_size: bool = False) -> LeadImage | None:
    """The article's lead image for distribution, or None when it has none.

    `with_size` reads the pixel size, which opens the file: ask for it on a single article
    page, not for every item of a feed.
    """
    image = article.lead_image
    if not image:
        return None
    width = height = None
    if with_size:
        try:
            width, height = image.width, image.height
        except (OSError, ValueError):
            width = height = None
    mime_type = mimetypes.guess_type(image.name)[0] or "image/jpeg"
    return LeadImage(
        url=absolute_url(image.url),
        alt=article.lead_image_alt,
        mime_type=mime_type,
        width=width,
        height=height,
    )
