"""`{{ body|render_body(body_seal) }}`: a stored body as page HTML (see richtext.rendering)."""

from django import template
from django.utils.safestring import SafeString

from richtext.rendering import render_body as render

register = template.Library()


@register.filter
def render_body(html: str, seal: str = "") -> SafeString:
    return render(html, seal)
