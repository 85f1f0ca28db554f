"""The header and footer of every public page, cached as HTML fragments.

They list the navigation sections with their links on every page; rendered each time, they
cost about a fifth of an uncached article page. They change only when a section changes
("nav"), or with the site's settings (name, description, social links), which are part of the
fragment's name so that a deploy that changes them shows at once.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from newsroom.fragments import cached_fragment

register = template.Library()

SITE_VALUES = ("site_name", "site_description", "social_links")


def _chrome(context, template_name: str, variant: str, **values) -> SafeString:
    """`template_name` rendered with the site's values, cached per `variant` until "nav" moves.

    Without the navigation (a page rendered without the context processors) nothing is cached.
    """
    values.update({name: context.get(name) for name in (*SITE_VALUES, "nav_sections")})

    def render() -> str:
        return render_to_string(template_name, values)

    if values["nav_sections"] is None or values.get("query"):
        return mark_safe(render())  # noqa: S308 (autoescaped template output)
    name = repr([template_name, variant, *(values[name] for name in SITE_VALUES)])
    html = cached_fragment(name, ["nav"], render, follows_schedule=False)
    return mark_safe(html)  # noqa: S308 (autoescaped template output)


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    """Title, search box, "Connect with us" links and the section navigation, in which the
    section front being shown (`current_section_id`) is marked as the current page.

    The search page shows the reader's query in the box: that header is never shared.
    """
    current = context.get("current_section_id")
    return _chrome(
        context,
        "includes/site_header.html",
        f"section={current}",
        current_section_id=current,
        query=context.get("query") or "",
    )


@register.simple_tag(takes_context=True)
def site_footer(context) -> SafeString:
    """The footer: the site's name, the sections, the feed, corrections and "To top"."""
    return _chrome(context, "includes/site_footer.html", "footer")
