"""Project-wide request middleware that is not a domain concept."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.template import loader


class RejectNullBytesMiddleware:
    """Answer 404 to a URL holding a NUL byte (`%00`) in its path.

    No page of ours is addressed with one, and PostgreSQL refuses NUL inside strings, so letting
    it reach a slug lookup would turn hostile input into a 500. Query strings are the views'
    business: forms validate them (search turns NUL into a space, `?page=%00` is a 404), and
    the fuzz test throws NUL at every view's query string.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return HttpResponseNotFound(loader.render_to_string("404.html", request=request))
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` on every response: the browser features no page of ours uses.

    A newsroom page never needs the camera, the microphone, the reader's location, payments or
    USB devices, so a script that got in (or an embedded frame) cannot ask for them either.
    The features come from `settings.PERMISSIONS_POLICY` (feature → allowed origins, empty for
    none); Django 6.1 has no setting of its own for this header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        header = permissions_policy(settings.PERMISSIONS_POLICY)
        if header:
            response.headers.setdefault("Permissions-Policy", header)
        return response


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header value: `camera=(), fullscreen=(self "https://player.example")`, `x=*`."""

    def allowlist(allowed: list[str]) -> str:
        if "*" in allowed:
            return "*"
        return "(" + " ".join(v if v == "self" else f'"{v}"' for v in allowed) + ")"

    return ", ".join(f"{feature}={allowlist(allowed)}" for feature, allowed in features.items())
