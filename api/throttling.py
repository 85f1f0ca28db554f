"""Anonymous rate limit: requests per client address per minute, counted in the shared cache.

The address is read as the login throttle reads it (`accounts.throttling.client_ip`, which
honours CLIENT_IP_HEADER behind a proxy). A fixed one-minute window: one `add` and one `incr`
per request, no database. Token callers are not limited here.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from accounts.throttling import client_ip
from api.problems import Problem

WINDOW = 60


def check(request: HttpRequest) -> None:
    """Raise a 429 problem, with Retry-After, when this address has used up its minute."""
    limit = settings.API_ANONYMOUS_REQUESTS_PER_MINUTE
    if limit <= 0:
        return
    now = time.time()
    window = int(now // WINDOW)
    key = f"api-rate:{client_ip(request)[:64]}:{window}"
    cache.add(key, 0, WINDOW * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this request alone
        count = 1
    if count > limit:
        wait = max(1, int((window + 1) * WINDOW - now))
        raise Problem(
            429,
            f"At most {limit} requests a minute without a token; try again in {wait} s.",
            headers={"Retry-After": str(wait)},
        )
