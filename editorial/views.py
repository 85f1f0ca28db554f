"""Editorial pages outside the admin: the shared preview link."""

from django.http import HttpRequest, HttpResponse

from editorial import previews


def article_preview(request: HttpRequest, token: str) -> HttpResponse:
    """A shared preview link: signed, expiring, readable without an account."""
    return previews.render_preview(request, previews.article_from_token(token))
