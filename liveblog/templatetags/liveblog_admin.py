"""The article admin's way to the live desk (the articles and editorial apps know nothing of
live blogs: their template loads this tag)."""

from django import template
from django.urls import reverse

from liveblog.models import LiveBlog

register = template.Library()


@register.simple_tag(takes_context=True)
def live_desk_link(context, article) -> dict | None:
    """The live desk of `article` ("Live blog: post an update"), or the page that makes it a
    live blog for an editor; None when the user may do neither."""
    user = context["request"].user
    if LiveBlog.objects.filter(pk=article.pk).exists():
        if user.has_perm("liveblog.view_liveblog"):
            return {
                "url": reverse("admin:liveblog_desk", args=[article.pk]),
                "label": "Live blog: post an update",
            }
        return None
    if user.has_perm("liveblog.add_liveblog"):
        url = reverse("admin:liveblog_liveblog_add") + f"?article={article.pk}"
        return {"url": url, "label": "Make it a live blog"}
    return None
