"""The section navigation every public page shows."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from core.cache.lifetimes import ONE_DAY
from core.cache.pages import depends_on
from core.cache.tags import NAV
from core.site_values import register, site_value


def _in_order(sections: list[Section]) -> list[Section]:
    return sorted(sections, key=lambda section: (section.position, section.name))


register(
    "nav-sections",
    tags=[NAV],
    rows=Section.objects.in_navigation,  # its order is dropped: _in_order() sorts the same way
    fields=["id", "name", "slug", "description", "parent_id", "position", "show_in_navigation"],
    make=_in_order,
    lifetime=ONE_DAY,
)


def kept_navigation_sections() -> list[Section]:
    """The navigation sections, read with the other values every page shows
    (`core.site_values`) once per change of a section."""
    return site_value("nav-sections")


def navigation(request: HttpRequest) -> dict:
    depends_on(NAV)
    # Lazy: pages that show no navigation pay nothing.
    return {"nav_sections": SimpleLazyObject(kept_navigation_sections)}
