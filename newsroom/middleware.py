"""Project-wide request middleware that is not a domain concept."""

from collections.abc import Callable

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
