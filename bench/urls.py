"""The site's URLs plus `/bench/fixed/`, which exists only under bench.settings."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

# About the size of an article page, so the ceiling pays the same bytes on the wire.
FIXED_BODY = b"<!doctype html><title>ceiling</title>" + b"x" * 40_000


def fixed_bytes(request: HttpRequest) -> HttpResponse:
    """The ceiling: Django's request/response cycle with no template, cache or database."""
    return HttpResponse(FIXED_BODY)


urlpatterns = [path("bench/fixed/", fixed_bytes), *site_urlpatterns]
