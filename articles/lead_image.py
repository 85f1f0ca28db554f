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

    This is the library image's 1200×630 social rendition (the clean original until the
    renditions exist). Its size comes from the image row, so `with_size` costs nothing; it
    stays for callers that ask.
    """
    image = article.lead_image
    if image is None:
        return None
    url = image.social_url()
    width, height = image.social_size()
    return LeadImage(
        url=absolute_url(url),
        alt=image.alt_text,
        mime_type=mimetypes.guess_type(url)[0] or "image/jpeg",
        width=width,
        height=height,
    )
