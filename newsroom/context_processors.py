"""Values every page template needs: the site's identity."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "site_url": settings.SITE_URL,
        "social_links": [(name, url) for name, url in settings.SOCIAL_LINKS.items() if url],
    }
