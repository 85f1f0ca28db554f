"""Deliveries leave through the task queue (the `jobs` worker retries them with backoff).

A failed attempt raises `DeliveryFailed`, which is how a task asks the worker for another try
(`jobs/retries.py`: up to TASKS_MAX_ATTEMPTS attempts, the delay doubling each time); a target
refused by the address rules raises `SuspiciousOperation`, which the worker never retries. When
the last attempt fails the delivery has failed for good (its job stays failed in the jobs
admin), and after WEBHOOKS_DISABLE_AFTER_FAILURES such deliveries in a row the subscription is
turned off and administrators are told.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from webhooks import sending, signing
from webhooks.models import Attempt, Delivery, Subscription

logger = logging.getLogger(__name__)
USER_AGENT = "Newsroom-Webhooks/1"


class DeliveryFailed(Exception):
    """The target did not accept the delivery; the worker tries again later."""


def headers(delivery: Delivery, attempt: int, body: bytes) -> dict[str, str]:
    secret = delivery.subscription.secret
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Newsroom-Event": delivery.event,
        "Newsroom-Delivery": str(delivery.uuid),
        "Newsroom-Attempt": str(attempt),
        signing.SIGNATURE_HEADER: signing.header_value(secret, int(time.time()), body),
    }


@task
def deliver(delivery_id: int) -> str:
    """Send delivery `delivery_id` once; returns its status, raises DeliveryFailed to retry."""
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None:
        return "gone"  # its subscription was deleted
    if delivery.status == Delivery.Status.SUCCEEDED:  # "Run again" on a job that got through
        return delivery.status
    subscription = delivery.subscription
    if not subscription.is_active:
        return _finish(delivery, Delivery.Status.SKIPPED)
    number = delivery.attempts.count() + 1
    body = delivery.body.encode("utf-8")
    at = timezone.now()
    outcome = sending.post(subscription.target_url, body, headers(delivery, number, body))
    Attempt.objects.create(
        delivery=delivery,
        number=number,
        at=at,
        ok=outcome.ok,
        status_code=outcome.status_code,
        duration_ms=outcome.duration_ms,
        response_excerpt=outcome.excerpt,
        error=outcome.error,
    )
    if outcome.ok:
        Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        return _finish(delivery, Delivery.Status.SUCCEEDED)
    failure = f"Delivery {delivery.uuid} attempt {number}: {outcome.status_code or outcome.error}"
    if outcome.refused:  # the address check said no: no later attempt can do better
        _count_failure(subscription)
        _finish(delivery, Delivery.Status.FAILED)
        raise SuspiciousOperation(failure)  # one of the errors the worker never retries
    if number >= settings.TASKS_MAX_ATTEMPTS:  # the worker will not try again
        _count_failure(subscription)
        _finish(delivery, Delivery.Status.FAILED)
    else:
        delivery.status = Delivery.Status.RETRYING
        delivery.save(update_fields=["status"])
    raise DeliveryFailed(failure)  # the job fails: retried, or kept for the jobs admin


def _finish(delivery: Delivery, status: str) -> str:
    delivery.status, delivery.finished_at = status, timezone.now()
    delivery.save(update_fields=["status", "finished_at"])
    return status


def _count_failure(subscription: Subscription) -> None:
    """One more delivery failed for good; at the limit the subscription is turned off."""
    Subscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if (
            not subscription.is_active
            or subscription.consecutive_failures < settings.WEBHOOKS_DISABLE_AFTER_FAILURES
        ):
            return
        subscription.is_active = False
        subscription.disabled_at = timezone.now()
        subscription.save(update_fields=["is_active", "disabled_at"])
        transaction.on_commit(lambda: _enqueue_notice(subscription.pk), robust=True)
    logger.warning(
        "Webhook subscription %s turned off after %d failed deliveries in a row.",
        subscription.pk,
        subscription.consecutive_failures,
    )


def _enqueue_notice(subscription_id: int) -> None:
    try:
        send_disabled_notice.enqueue(subscription_id)
    except Exception:
        logger.exception("Could not queue the notice for subscription %s", subscription_id)


@task
def send_disabled_notice(subscription_id: int) -> int:
    """Mail the active administrators that a subscription was turned off; returns mails sent."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return 0
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    admins = users.filter(is_superuser=True) | users.filter(groups__name="Administrator")
    recipients = sorted(set(admins.values_list("email", flat=True)))
    if not recipients:
        return 0
    link = settings.SITE_URL + reverse("admin:webhooks_subscription_change", args=[subscription.pk])
    email = EmailMessage(
        subject=f"[{settings.SITE_NAME}] Webhook turned off: {subscription}"[:200],
        body=(
            f"The webhook subscription “{subscription}” ({subscription.target_url}) failed "
            f"{subscription.consecutive_failures} deliveries in a row and was turned off. "
            f"Nothing more is sent to it until it is made active again:\n\n{link}\n"
        ),
        to=recipients,
    )
    try:
        email.send()
    except Exception:  # the subscription is off either way; the admin page says so
        logger.exception("Could not mail the notice for subscription %s", subscription_id)
        return 0
    return len(recipients)
