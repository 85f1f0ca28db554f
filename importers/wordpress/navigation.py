"""Block-theme navigation (`wp_navigation` posts) read as menu items, so that a site built with
a block theme brings its menus over like one built with classic menus.

A block theme keeps each menu as a `wp_navigation` post whose content is blocks:

    <!-- wp:navigation-link {"label":"About","type":"page","id":12,"kind":"post-type",
         "url":"https://old.example/about/"} /-->
    <!-- wp:navigation-submenu {"label":"Sections","url":"#","kind":"custom"} -->
      <!-- wp:navigation-link {"label":"News","type":"category","id":3,"kind":"taxonomy"} /-->
    <!-- /wp:navigation-submenu -->
    <!-- wp:home-link {"label":"Home"} /-->

Each link becomes an item shaped like a classic `nav_menu_item` (`_menu_item_type`,
`_menu_item_object`, `_menu_item_object_id`, `_menu_item_url`, `_menu_item_menu_item_parent`),
in a menu named by the navigation post's slug and title, and `menus.MenuImport` places and
maps it like any other. A link item gets a made-up ID above every WordPress ID
(`LINK_IDS + post ID × 1000 + position`), so a re-run finds it again and writes nothing. A page
list block (every page, chosen by the theme at display time) is not turned into links: it is
reported, for an editor to pick the pages.
"""

import json
import re

from importers.wordpress.content import plain_text
from importers.wordpress.wxr import Item

NAVIGATION = "wp_navigation"
LINK_IDS = 10**15  # above any WordPress post ID (a 64-bit MySQL id in practice stays far below)
LINKS_PER_MENU = 999
BLOCK = re.compile(
    r"<!--\s*(/)?wp:(?:core/)?(navigation-link|navigation-submenu|home-link|page-list)"
    r"\s*(\{.*?\})?\s*(/)?-->",
    re.DOTALL,
)
TAXONOMIES = {"category": "category", "tag": "post_tag", "post_tag": "post_tag"}


def menu_slug(item: Item) -> str:
    return item.post_name or f"navigation-{item.post_id}"


def menu_name(item: Item) -> str:
    return plain_text(item.title) or menu_slug(item)


def is_link(post_id: int) -> bool:
    return post_id >= LINK_IDS


def links(item: Item) -> tuple[list[Item], list[str]]:
    """The links of a `wp_navigation` post as menu items, and notes on what was left out."""
    made: list[Item] = []
    notes: list[str] = []
    submenus: list[int] = []  # the open submenus' item IDs, innermost last
    menu = ("nav_menu", menu_slug(item), menu_name(item))
    for match in BLOCK.finditer(item.content or ""):
        closing, block, attributes, self_closing = match.groups()
        if closing:
            if block == "navigation-submenu" and submenus:
                submenus.pop()
            continue
        if block == "page-list":
            notes.append("a page list block (all pages) was not imported: add pages by hand")
            continue
        if len(made) >= LINKS_PER_MENU:
            notes.append(f"links after the first {LINKS_PER_MENU} were not imported")
            break
        try:
            data = json.loads(attributes) if attributes else {}
        except ValueError:
            data = None
        if not isinstance(data, dict):
            notes.append(f"a {block} block with unreadable settings was not imported")
            continue
        post_id = LINK_IDS + item.post_id * 1000 + len(made) + 1
        parent = submenus[-1] if submenus else 0
        made.append(_link_item(item, post_id, block, data, parent, len(made) + 1, menu))
        if block == "navigation-submenu" and not self_closing:
            submenus.append(post_id)
    return made, notes


def _link_item(item: Item, post_id: int, block: str, data: dict, parent: int, order: int, menu):
    label = data.get("label") if isinstance(data.get("label"), str) else ""
    meta = [("_menu_item_menu_item_parent", str(parent))]
    kind, target, object_id = data.get("kind"), data.get("type"), data.get("id")
    url = data.get("url") if isinstance(data.get("url"), str) else ""
    if block == "home-link":
        meta += [("_menu_item_type", "custom"), ("_menu_item_url", "/")]
        label = label or "Home"
    elif kind == "post-type" and target in {"page", "post"} and isinstance(object_id, int):
        meta += [("_menu_item_type", "post_type"), ("_menu_item_object", target)]
        meta.append(("_menu_item_object_id", str(object_id)))
    elif kind == "taxonomy" and target in TAXONOMIES and isinstance(object_id, int):
        meta += [("_menu_item_type", "taxonomy"), ("_menu_item_object", TAXONOMIES[target])]
        meta.append(("_menu_item_object_id", str(object_id)))
    else:
        meta += [("_menu_item_type", "custom"), ("_menu_item_url", url)]
    return Item(
        line=item.line,
        title=label,
        post_id=post_id,
        status="publish",
        post_type="nav_menu_item",
        menu_order=order,
        categories=[menu],
        meta=meta,
    )
