"""The page's Content-Security-Policy, widened by exactly the players its body may load.

The header is written on the response itself (the CSP middleware leaves a header it finds),
so the page cache stores and replays it with the page it belongs to.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.csp import CSP, build_policy


def allow_frames(request: HttpRequest, response: HttpResponse, origins: list[str]) -> HttpResponse:
    """Let `response` frame `origins` (and nothing else); no change when there are none."""
    if origins and settings.SECURE_CSP:
        policy = {**settings.SECURE_CSP, "frame-src": list(origins)}
        response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy, get_nonce(request))
    return response
