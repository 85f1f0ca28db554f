"""Login throttling: failed sign-ins lock out a username and an address for a while.

Counters live in the database (`LoginFailureWindow`), shared by every worker and independent
of the cache, keyed by a hash of the username's `identity()` and by client address. Failures are
counted from Django's `user_login_failed` signal, so every login form is covered; the
middleware refuses further attempts at the login URLs while a lock holds, before any password
is checked. Why not django-axes: it demands `request` on every `authenticate()` call and its
backend first in AUTHENTICATION_BACKENDS (breaking `Client.login()` in tests and scripts) and
brings its own tables, admin and commands, for what is a few dozen lines here.
"""

import hashlib
import logging
import math
import unicodedata
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UsernameField
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import LoginFailureWindow

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the last hop named by a trusted proxy header."""
    if settings.CLIENT_IP_HEADER:
        header = "HTTP_" + settings.CLIENT_IP_HEADER.upper().replace("-", "_")
        forwarded = [part.strip() for part in request.META.get(header, "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def identity(username: str) -> str:
    """The one spelling of a username that throttling counts, whatever was typed.

    First exactly what the login form does before `authenticate()` (Django's `UsernameField`:
    strip, then NFKC, so `ｅｄｉｔｏｒ` and `𝐞𝐝𝐢𝐭𝐨𝐫` sign in as `editor`), then Unicode's
    NFKC_Casefold on top (casefold, NFKC again, strip). So every spelling that can reach an
    account shares that account's count; the casefold only makes the grouping coarser (`Mara`
    and `mara`, two accounts if both exist, share one limit), never finer.
    """
    typed = UsernameField().to_python(username)
    return unicodedata.normalize("NFKC", typed.casefold()).strip()


def _keys(username: str, ip: str) -> tuple[str, str]:
    digest = hashlib.sha256(identity(username).encode()).hexdigest()[:32]
    return f"user:{digest}", f"ip:{ip[:64]}"  # a proxy header is not to be trusted for length


def record_failure(username: str, ip: str) -> None:
    """Count one failed sign-in against both the username and the address."""
    now = timezone.now()
    window_ends = now + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    LoginFailureWindow.objects.filter(window_ends__lte=now).delete()  # expired windows
    for key in _keys(username, ip):
        with transaction.atomic():
            window, created = LoginFailureWindow.objects.select_for_update().get_or_create(
                key=key, defaults={"failures": 1, "window_ends": window_ends}
            )
            if not created:
                window.failures = F("failures") + 1
                window.save(update_fields=["failures"])


def is_locked(username: str, ip: str) -> bool:
    """True while either the username or the address has used up its failures."""
    user_key, ip_key = _keys(username, ip)
    counts = dict(
        LoginFailureWindow.objects.filter(
            key__in=[user_key, ip_key], window_ends__gt=timezone.now()
        ).values_list("key", "failures")
    )
    return (
        counts.get(user_key, 0) >= settings.LOGIN_FAILURES_PER_USERNAME
        or counts.get(ip_key, 0) >= settings.LOGIN_FAILURES_PER_IP
    )


def clear_username(username: str) -> None:
    """Forget a username's failures (an administrator lifting a lock)."""
    LoginFailureWindow.objects.filter(key=_keys(username, "")[0]).delete()


def forget_failures_of(user) -> None:
    """After `user` signed in, forget the failures counted against its username's identity.

    Only when no other account shares that identity (`Mara` beside `mara`): otherwise signing
    in to one account would reset the count of guesses against the other. (The database
    compares case-insensitively, not with the full fold: accounts differing by more than case
    are vanishingly rare, since Django's forms store usernames NFKC-normalised.)
    """
    username = user.get_username()
    lookup = f"{get_user_model().USERNAME_FIELD}__iexact"
    same = Q(**{lookup: username}) | Q(**{lookup: identity(username)})
    if not type(user)._default_manager.filter(same).exclude(pk=user.pk).exists():
        clear_username(username)


def _login_paths() -> set[str]:
    paths = set()
    for name in ("admin:login", settings.LOGIN_URL):
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            if str(name).startswith("/"):
                paths.add(name)
    return paths


class LoginThrottleMiddleware:
    """Refuse sign-in attempts (429) for a locked username or address, with a clear page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in _login_paths():
            username = request.POST.get("username", "")
            ip = client_ip(request)
            if is_locked(username, ip):
                logger.warning("Login refused: locked out (username=%r, ip=%s)", username, ip)
                minutes = math.ceil(settings.LOGIN_LOCKOUT_SECONDS / 60)
                html = loader.render_to_string(
                    "429_login.html", {"minutes": minutes}, request=request
                )
                response = HttpResponse(html, status=429)
                response["Retry-After"] = str(settings.LOGIN_LOCKOUT_SECONDS)
                return response
        return self.get_response(request)
