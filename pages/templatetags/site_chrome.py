"""The header, footer and brand links of every public page, cached as HTML fragments.

They list the menus (or, on a site without menus, the navigation sections) on every page;
rendered each time, they cost about a fifth of an uncached article page. They change only when
a section ("nav"), a menu or page ("menus") or the brand ("brand") changes, or with the site's
settings (name, description, social links), which are part of the fragment's name so that a
deploy that changes them shows at once.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from branding.brand import current_brand
from core.cache.fragments import cached_fragment
from core.cache.lifetimes import ONE_DAY
from core.cache.tags import BRAND, MENUS, NAV
from pages import chrome_markup
from pages.menus import Link, menu_links
from pages.models import MenuItem

register = template.Library()

SITE_VALUES = ("site_name", "site_description", "social_links")


def _section_links(sections) -> list[Link]:
    return [Link(section.name, section.get_absolute_url(), section.pk) for section in sections]


def _chrome(context, write, variant: str, menu: str, **values) -> SafeString:
    """`write(...)` (`pages.chrome_markup`) with the site's values, the brand and `menu` (the
    navigation sections when that menu is empty), cached per `variant` until "nav", "menus"
    or "brand" moves. Without the navigation (a page rendered without the context processors)
    nothing is cached."""
    values.update({name: context.get(name) for name in SITE_VALUES})
    sections = context.get("nav_sections")

    def render() -> str:
        links = menu_links(menu) if sections is not None else []
        brand = current_brand() if sections is not None else None
        shown = links or _section_links(sections or [])
        return write(links=shown, menu_is_custom=bool(links), brand=brand, **values)

    if sections is None or values.get("query"):
        return mark_safe(render())  # noqa: S308 (every value escaped)
    name = repr([write.__name__, variant, *(values[name] for name in SITE_VALUES)])
    html = cached_fragment(name, [NAV, MENUS, BRAND], render, lifetime=ONE_DAY)
    return mark_safe(html)  # noqa: S308 (every value escaped)


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    """Logo, search box, "Connect with us" links and the header menu, in which the section
    front being shown (`current_section_id`) is marked as the current page. On phones the
    search, menu and links fold into a `<details>` "Menu" that needs no JavaScript.

    The search page shows the reader's query in the box: that header is never shared.
    """
    current = context.get("current_section_id")
    return _chrome(
        context,
        chrome_markup.site_header,
        f"section={current}",
        MenuItem.Menu.HEADER,
        current_section_id=current,
        query=context.get("query") or "",
    )


@register.simple_tag(takes_context=True)
def site_footer(context) -> SafeString:
    """The footer: the site's name, the footer menu (or the sections, the feed and
    corrections) and "To top"."""
    return _chrome(context, chrome_markup.site_footer, "footer", MenuItem.Menu.FOOTER)


@register.simple_tag
def brand_links() -> SafeString:
    """Favicons and theme colour for `<head>`: the brand's, or the static favicon."""
    html = render_to_string("includes/brand_links.html", {"brand": current_brand()})
    return mark_safe(html)  # noqa: S308 (autoescaped template output)
