"""The first URL segments the site's own URLs use: a page's top-level slug may not be one.

Read from the URLconf, so a new app's URLs are reserved the day they are added, with no list
to keep in step. The page catch-all comes after every other URL and could never shadow one, but
a page at `/search/` would never be seen: the form refuses it instead.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import URLPattern, URLResolver, get_resolver, get_urlconf

# Paths every site answers whatever the URLconf says (browsers and crawlers ask for them).
ALWAYS_RESERVED = {"favicon.ico", "robots.txt", "sitemap.xml", ".well-known", "static", "media"}
_LITERAL = re.compile(r"^[^<>(\[\\?*+{|^$]+")


def _first_segment(pattern) -> str | None:
    """The literal text before the first `/` of a pattern, or None if it starts variable."""
    text = str(pattern).lstrip("^")
    match = _LITERAL.match(text)
    if not match:
        return None
    literal = match.group(0)
    return literal.split("/", 1)[0] if "/" in literal or literal == text.rstrip("$") else None


def _segments(patterns, namespace_to_skip: str) -> set[str]:
    found: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver) and entry.namespace == namespace_to_skip:
            continue
        text = str(entry.pattern)
        if isinstance(entry, URLResolver) and text in ("", "^"):
            found |= _segments(entry.url_patterns, namespace_to_skip)
            continue
        if isinstance(entry, URLPattern | URLResolver):
            segment = _first_segment(entry.pattern)
            if segment:
                found.add(segment.lower())
    return found


@lru_cache(maxsize=8)
def _reserved(urlconf: str | None) -> frozenset[str]:
    found = _segments(get_resolver(urlconf).url_patterns, "pages")
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url and "://" not in url:
            found.add(url.strip("/").split("/", 1)[0].lower())
    return frozenset(found | ALWAYS_RESERVED)


def reserved_segments() -> frozenset[str]:
    """First path segments that belong to the site's own URLs (lower case)."""
    return _reserved(get_urlconf())


def is_reserved(slug: str) -> bool:
    return slug.lower() in reserved_segments()


@receiver(setting_changed)
def forget_on_urlconf_change(setting: str, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "STATIC_URL", "MEDIA_URL"):
        _reserved.cache_clear()
