"""The section navigation every public page shows."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from core.cache.fragments import cached_fragment
from core.cache.lifetimes import ONE_DAY
from core.cache.pages import depends_on
from core.cache.tags import NAV
from core.prepared import prepared


@prepared()
def navigation_sections():
    return Section.objects.in_navigation()


def kept_navigation_sections() -> list[Section]:
    """The navigation sections, cached until a section changes."""
    return cached_fragment("nav-sections", [NAV], navigation_sections, lifetime=ONE_DAY)


def navigation(request: HttpRequest) -> dict:
    depends_on(NAV)
    # Lazy: pages that show no navigation pay nothing.
    return {"nav_sections": SimpleLazyObject(kept_navigation_sections)}
