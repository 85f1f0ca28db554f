"""Project-wide request middleware that is not a domain concept."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.template import loader


class RejectNullBytesMiddleware:
    """Answer 404 to a URL holding a NUL byte (`%00`) in its path or query string.

    No page of ours is addressed with one (the listing pages already answer `?page=%00` with a
    404), and PostgreSQL refuses NUL inside strings, so letting it reach a slug or search
    lookup would turn hostile input into a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return HttpResponseNotFound(loader.render_to_string("404.html", request=request))
        return self.get_response(request)
