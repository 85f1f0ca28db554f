"""Values every page template needs: the site's identity and its navigation."""

from django.conf import settings
from django.http import HttpRequest

from articles.models import Section
from newsroom.caching import depends_on


def site(request: HttpRequest) -> dict:
    depends_on("nav")
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "site_url": settings.SITE_URL,
        "social_links": [(name, url) for name, url in settings.SOCIAL_LINKS.items() if url],
        # Lazy: the query runs only when a template iterates it (once per page).
        "nav_sections": Section.objects.in_navigation(),
    }
