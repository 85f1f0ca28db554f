"""From a committed change to queued deliveries: one `Delivery` per subscription that wants it.

`announce()` is called by the receivers in `signals.py` while the change is being saved; the
payload is built and the deliveries are queued only once the transaction commits, so a rolled
back change sends nothing. Which events anyone listens to is kept in the cache (cleared when a
subscription changes), so a save costs no query while nobody subscribes.
"""

import json
import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from webhooks.models import Delivery, Subscription
from webhooks.tasks import deliver

logger = logging.getLogger(__name__)
LISTENED_KEY = "webhooks:listened-events"


def listened() -> frozenset[str]:
    """The events at least one active subscription wants."""
    events = cache.get(LISTENED_KEY)
    if events is None:
        events = sorted(
            {
                event
                for subscription in Subscription.objects.filter(is_active=True).only("events")
                for event in subscription.events
            }
        )
        cache.set(LISTENED_KEY, events, 300)
    return frozenset(events)


def forget_listened() -> None:
    cache.delete(LISTENED_KEY)


def announce(event: str, build: Callable[[], dict | None]) -> None:
    """Queue `event` for its subscribers after the commit; `build()` gives its data then."""
    transaction.on_commit(lambda: queue(event, build), robust=True)


def envelope(event: str, data: dict) -> str:
    """The body every delivery of one event shares, exactly as it is signed."""
    return json.dumps(
        {
            "event": event,
            "id": str(uuid.uuid4()),
            "occurred_at": timezone.now().isoformat(timespec="seconds"),
            "data": data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def queue(event: str, build: Callable[[], dict | None]) -> list[Delivery]:
    subscriptions = [s for s in Subscription.objects.filter(is_active=True) if s.wants(event)]
    if not subscriptions:
        return []
    data = build()
    if data is None:  # not public (any more) when committed: nothing leaves the site
        return []
    body = envelope(event, data)
    deliveries = [
        Delivery.objects.create(subscription=subscription, event=event, body=body)
        for subscription in subscriptions
    ]
    for delivery in deliveries:
        try:
            deliver.enqueue(delivery.pk)
        except Exception:  # a queue that is down must not turn a saved article into an error
            logger.exception("Could not queue webhook delivery %s", delivery.uuid)
    return deliveries
