"""The header and footer menus as templates show them: plain links, read once per change.

A menu is a handful of rows, shown on every page; it is read with the brand and the navigation
(`core.site_values`) and kept as a fragment under the "menus" tag (menu items and pages bump
it) and "nav" (section names and slugs), so a page-cache miss reads no menu. Links to draft
pages are left out: a reader would meet a 404.
"""

from dataclasses import dataclass, field

from core.cache.lifetimes import ONE_DAY
from core.cache.tags import MENUS, NAV
from core.site_values import register, site_value
from pages.models import MenuItem, Page


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    section_id: int | None = None
    children: tuple["Link", ...] = field(default_factory=tuple)


def _visible(item: MenuItem) -> bool:
    return not item.page_id or item.page.status == Page.Status.PUBLISHED


def _link(item: MenuItem, children: tuple[Link, ...] = ()) -> Link:
    return Link(item.text, item.href, item.section_id, children)


_FIELDS = (
    "id",
    "menu",
    "parent_id",
    "position",
    "label",
    "url",
    "section_id",
    "section__name",
    "section__slug",
    "page_id",
    "page__title",
    "page__path",
    "page__status",
)


def _menus(items: list[MenuItem]) -> dict[str, list[Link]]:
    """Every menu's links in order, sub-items under their parent, from all menu items."""
    items = sorted(
        (item for item in items if _visible(item)),
        key=lambda item: (item.menu, item.position, item.pk),
    )
    children: dict[int, list[Link]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(_link(item))
    menus: dict[str, list[Link]] = {}
    for item in items:
        if not item.parent_id:
            menus.setdefault(item.menu, []).append(_link(item, tuple(children.get(item.pk, ()))))
    return menus


register(
    "menus",
    tags=[MENUS, NAV],
    rows=MenuItem.objects.all,
    fields=_FIELDS,
    make=_menus,
    lifetime=ONE_DAY,
)


def menu_links(menu: str) -> list[Link]:
    """The links of `menu` in order, sub-items under their parent: every menu is read with
    the other values every page shows (`core.site_values`), once per change of a menu item,
    page or section."""
    return site_value("menus").get(menu, [])
