"""Absolute URLs on the canonical site, for readers outside it (feeds, sitemaps, JSON-LD, cards).

Crawlers and feed readers need absolute URLs, and the canonical one is SITE_URL whichever host
the request came in on.
"""

from django.conf import settings


def absolute_url(url: str) -> str:
    """`url` made absolute on the canonical site (SITE_URL), unless it already is."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"
