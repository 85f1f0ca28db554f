"""CORS for the API only: the origins listed in API_CORS_ORIGINS may read it from browsers.

No origin is allowed by default. Tokens travel in the Authorization header, never in cookies,
so credentials are not allowed either; preflight requests are answered here.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

PREFIX = "/api/"
METHODS = "GET, HEAD, POST, PATCH, OPTIONS"
HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key"
EXPOSED = "ETag, Last-Modified, Location, Retry-After, Idempotent-Replayed"
MAX_AGE = "600"


class CorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        allowed = origin is not None and (
            origin in settings.API_CORS_ORIGINS or "*" in settings.API_CORS_ORIGINS
        )
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            if allowed:
                response["Access-Control-Allow-Methods"] = METHODS
                response["Access-Control-Allow-Headers"] = HEADERS
                response["Access-Control-Max-Age"] = MAX_AGE
        else:
            response = self.get_response(request)
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = EXPOSED
        patch_vary_headers(response, ["Origin"])
        return response
