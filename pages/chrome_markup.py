"""The site header and footer, written in Python: every public page shows both.

They were templates (`includes/site_header.html` with two search boxes and two "Connect with
us" lists as includes, and `includes/site_footer.html`): with every cache empty, rendering them
was a tenth of an article page's instructions, more than its query for "More in". Written here
like the per-story markup (`articles/story_markup.py`), they take a fraction of that
(docs/performance.md, "One statement for the aside, the header in Python"). The markup is the
templates' own, whitespace aside; every value is escaped as the templates' autoescaping does
(`core.escaping`). `pages.templatetags.site_chrome` keeps them as fragments. Tests:
tests/test_site_chrome.py and tests/browser/test_site_header.py.
"""

from collections.abc import Iterable

from core.escaping import escape_output as escape
from core.reversing import cached_reverse
from pages.menus import Link


def site_header(
    *,
    links: list[Link],
    menu_is_custom: bool,
    brand,
    site_name: str,
    social_links: Iterable[tuple[str, str]] | None,
    current_section_id: int | None = None,
    query: str = "",
    **_site_values,
) -> str:
    """Logo (or the site's name), search box and "Connect with us", the phones' "Menu"
    disclosure (search, links, "Connect with us" again: it needs no JavaScript), and the
    section navigation, where the section being shown is the current page."""
    if brand is not None and brand.header_logo_url:
        title = (
            f'<img class="site-title__logo" src="{escape(brand.header_logo_url)}" '
            f'alt="{escape(site_name)}" width="{escape(brand.logo_width)}" '
            f'height="{escape(brand.logo_height)}">'
        )
    else:
        title = escape(site_name)
    social = list(social_links or ())
    menu = "".join(
        f"\n            <li>{_link(link, current_section_id)}"
        f"{_children(link, current_section_id)}</li>"
        for link in links
    )
    group, sub = ' class="section-nav__group"', ' class="section-nav__sub"'
    navigation = "".join(
        f"\n      <li{group if link.children else ''}>{_link(link, current_section_id)}"
        f"{_children(link, current_section_id, sub)}</li>"
        for link in links
    )
    return (
        '<header class="site-header">\n  <div class="site-header__inner">\n'
        f'    <a class="site-title" href="{escape(cached_reverse("articles:home"))}">{title}</a>\n'
        '    <div class="site-header__tools">\n'
        f"      {_search_form('site-search', query)}\n"
        f"      {_connect('connect-label', social)}\n"
        "    </div>\n"
        '    <details class="site-menu">\n'
        '      <summary class="site-menu__toggle">Menu</summary>\n'
        '      <div class="site-menu__panel">\n'
        f"        {_search_form('menu-search', query)}\n"
        '        <nav aria-label="Menu">\n'
        f'          <ul class="site-menu__links">{menu}\n          </ul>\n'
        "        </nav>\n"
        f"        {_connect('menu-connect-label', social)}\n"
        "      </div>\n    </details>\n  </div>\n"
        f'  <nav class="section-nav" aria-label="{"Main" if menu_is_custom else "Sections"}">\n'
        f"    <ul>{navigation}\n    </ul>\n  </nav>\n</header>"
    )


def site_footer(
    *,
    links: list[Link],
    menu_is_custom: bool,
    site_name: str,
    site_description: str,
    **_site_values,
) -> str:
    """The site's name and description, the footer menu (or the sections, the feed and the
    corrections) and "To top"."""
    items = "".join(
        f'<li><a href="{escape(link.href)}">{escape(link.text)}</a></li>' for link in links
    )
    if not menu_is_custom:
        feed = cached_reverse("distribution:feed")
        corrections = cached_reverse("articles:corrections")
        items += (
            f'\n        <li><a href="{escape(feed)}">RSS feed</a></li>'
            f'\n        <li><a href="{escape(corrections)}">Corrections</a></li>'
        )
    return (
        '<footer class="site-footer">\n  <div class="site-footer__inner">\n'
        f'    <p class="site-footer__name">{escape(site_name)} — {escape(site_description)}</p>\n'
        f'    <nav aria-label="Footer">\n      <ul>\n        {items}\n      </ul>\n    </nav>\n'
        '    <a class="to-top" href="#top">To top</a>\n  </div>\n</footer>'
    )


def _link(link: Link, current_section_id: int | None) -> str:
    current = link.section_id and link.section_id == current_section_id
    marked = ' aria-current="page"' if current else ""
    return f'<a href="{escape(link.href)}"{marked}>{escape(link.text)}</a>'


def _children(link: Link, current_section_id: int | None, attributes: str = "") -> str:
    if not link.children:
        return ""
    items = "".join(f"<li>{_link(child, current_section_id)}</li>" for child in link.children)
    return f"\n                <ul{attributes}>{items}</ul>"


def _search_form(search_id: str, query: str) -> str:
    """The site-wide search box (GET /search/?q=...); the search page has the full form."""
    return (
        f'<form class="search-box" role="search" action="{escape(cached_reverse("search:search"))}"'
        ' method="get">\n'
        f'  <label for="{search_id}">Search stories</label>\n'
        f'  <input id="{search_id}" type="search" name="q" maxlength="200" '
        f'value="{escape(query or "")}" autocomplete="off">\n'
        '  <button type="submit">Search</button>\n</form>'
    )


def _connect(label_id: str, social_links: list[tuple[str, str]]) -> str:
    """ "Connect with us": the publication's social profiles and its feed."""
    items = "".join(
        f'\n    <li><a href="{escape(url)}" rel="me noopener">{escape(name)}</a></li>'
        for name, url in social_links
    )
    return (
        '<div class="connect">\n'
        f'  <span class="connect__label" id="{label_id}">Connect with us</span>\n'
        f'  <ul class="connect__links" aria-labelledby="{label_id}">{items}\n'
        f'    <li><a href="{escape(cached_reverse("distribution:feed"))}">RSS</a></li>\n'
        "  </ul>\n</div>"
    )
