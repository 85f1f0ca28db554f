"""The brand as pages, feeds and structured data use it: URLs and sizes, cached.

Every public page shows the brand (the header logo, favicons, theme colour), so it is read
once per version of the "brand" tag, along with the menus and the navigation
(`core.site_values`), and kept as a fragment: a page-cache miss costs no query for it.
`current_brand()` is None while no brand was saved; callers then fall back to the site's name
as text and the static favicon.
"""

from dataclasses import dataclass, field

from django.core.files.storage import default_storage

from branding.models import Brand
from core.cache.lifetimes import ONE_DAY
from core.cache.tags import BRAND
from core.site_values import register, site_value


@dataclass(frozen=True)
class BrandView:
    theme_colour: str
    header_logo_url: str = ""  # the SVG if uploaded, else the header PNG
    logo_width: int = 0
    logo_height: int = 0
    publisher_logo_url: str = ""  # raster, at least 600×60
    publisher_logo_size: tuple[int, int] = (0, 0)
    icon_urls: dict[int, str] = field(default_factory=dict)

    @property
    def favicon_url(self) -> str:
        return self.icon_urls.get(32, "")

    @property
    def touch_icon_url(self) -> str:
        return self.icon_urls.get(180, "")

    @property
    def feed_icon_url(self) -> str:
        """A square icon for Atom's `<icon>` (feed readers show it at small sizes)."""
        return self.icon_urls.get(192, "")


_FIELDS = (
    "id",
    "theme_colour",
    "logo_svg",
    "logo_header_png",
    "logo_width",
    "logo_height",
    "logo_png",
    "publisher_logo_width",
    "publisher_logo_height",
    "icons",
)


def _view(brands: list[Brand]) -> BrandView | None:
    """What pages show of the first brand saved (there is one), or None."""
    if not brands:
        return None
    brand = min(brands, key=lambda brand: brand.pk)
    header = brand.logo_svg or brand.logo_header_png
    return BrandView(
        theme_colour=brand.theme_colour,
        header_logo_url=header.url if header else "",
        logo_width=brand.logo_width,
        logo_height=brand.logo_height,
        publisher_logo_url=brand.logo_png.url if brand.logo_png else "",
        publisher_logo_size=(brand.publisher_logo_width, brand.publisher_logo_height),
        icon_urls={int(size): default_storage.url(name) for size, name in brand.icons.items()},
    )


register(
    "brand", tags=[BRAND], rows=Brand.objects.all, fields=_FIELDS, make=_view, lifetime=ONE_DAY
)


def current_brand() -> BrandView | None:
    """The site's brand, or None: read with the other values every page shows
    (`core.site_values`), once per change of the brand."""
    return site_value("brand")
