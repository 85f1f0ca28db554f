"""Values every page template needs: the site's identity and its navigation."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from newsroom.caching import depends_on
from newsroom.fragments import cached_fragment


def navigation_sections() -> list[Section]:
    return list(Section.objects.in_navigation())


def site(request: HttpRequest) -> dict:
    depends_on("nav")
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "site_url": settings.SITE_URL,
        "social_links": [(name, url) for name, url in settings.SOCIAL_LINKS.items() if url],
        # Lazy (pages that show no navigation pay nothing) and cached until a section changes.
        "nav_sections": SimpleLazyObject(
            lambda: cached_fragment(
                "nav-sections", ["nav"], navigation_sections, follows_schedule=False
            )
        ),
    }
