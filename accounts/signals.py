"""Reactions to Django's authentication signals, for login throttling."""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts import throttling

logger = logging.getLogger("accounts.throttling")


@receiver(user_login_failed)
def count_failed_login(sender, credentials: dict, request=None, **kwargs) -> None:
    if request is None:  # authenticate() called outside a request: nothing to throttle
        return
    username = credentials.get("username", "")
    ip = throttling.client_ip(request)
    throttling.record_failure(username, ip)
    logger.warning("Failed login (username=%r, ip=%s)", username, ip)


@receiver(user_logged_in)
def forget_failures_after_login(sender, request, user, **kwargs) -> None:
    throttling.forget_failures_of(user)
