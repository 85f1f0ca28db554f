"""The header and footer menus as templates show them: plain links, read once per change.

A menu is a handful of rows, shown on every page; it is kept as a fragment under the "menus"
tag (menu items and pages bump it) and "nav" (section names and slugs), so a page-cache miss
reads no menu. Links to draft pages are left out: a reader would meet a 404.
"""

from dataclasses import dataclass, field

from core.cache.fragments import cached_fragment
from core.cache.lifetimes import ONE_DAY
from core.cache.tags import MENUS, NAV
from core.prepared import prepared
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


@prepared()
def _menu_items():
    return (
        MenuItem.objects.select_related("section", "page")
        .defer("page__body", "page__body_seal")
        .order_by("menu", "position", "pk")
    )


def load_menus() -> dict[str, list[Link]]:
    """Every menu's links in order, sub-items under their parent (one query for all menus:
    a page shows the header's and the footer's)."""
    items = [item for item in _menu_items() if _visible(item)]
    children: dict[int, list[Link]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(_link(item))
    menus: dict[str, list[Link]] = {}
    for item in items:
        if not item.parent_id:
            menus.setdefault(item.menu, []).append(_link(item, tuple(children.get(item.pk, ()))))
    return menus


def load_menu(menu: str) -> list[Link]:
    """The links of `menu` in order, sub-items under their parent."""
    return load_menus().get(menu, [])


def menu_links(menu: str) -> list[Link]:
    """`load_menu(menu)`, cached until a menu item, page or section changes."""
    return cached_fragment("menus", [MENUS, NAV], load_menus, lifetime=ONE_DAY).get(menu, [])
