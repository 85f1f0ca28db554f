"""Deliveries to a real receiver on 127.0.0.1: signed, logged, retried, then given up on.

The receiver is tests/webhook_receiver.py; WEBHOOKS_ALLOW_PRIVATE_TARGETS lets it be on this
machine. Tasks run at once (the ImmediateBackend) except in the retry test, which runs the
database queue's worker in-process as `manage.py db_worker` would.
"""

import json
import socket
import time

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory
from tests.test_jobs_queue import work
from tests.webhook_receiver import start
from webhooks import events, signing
from webhooks.models import Attempt, Delivery, Event, Subscription
from webhooks.tasks import deliver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_targets_allowed(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2


@pytest.fixture
def receiver():
    found, server = start()
    yield found
    server.shutdown()
    server.server_close()


def subscribe(url: str, **fields) -> Subscription:
    return Subscription.objects.create(
        name="Receiver", target_url=url, events=[Event.ARTICLE_PUBLISHED], **fields
    )


def announce() -> list[Delivery]:
    return events.queue(Event.ARTICLE_PUBLISHED, lambda: {"type": "article", "id": 7})


def test_a_delivery_is_signed_and_logged(receiver):
    subscription = subscribe(receiver.url)
    [delivery] = announce()
    [got] = receiver.received
    assert got.path == "/hooks/in"
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["Newsroom-Event"] == "article.published"
    assert got.headers["Newsroom-Delivery"] == str(delivery.uuid)
    assert got.headers["Newsroom-Attempt"] == "1"
    assert signing.verify(
        subscription.secret, got.headers["Newsroom-Signature"], got.body, now=int(time.time())
    )
    assert not signing.verify("another secret", got.headers["Newsroom-Signature"], got.body, 0)
    body = json.loads(got.body)
    assert body["event"] == "article.published" and body["data"] == {"type": "article", "id": 7}
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.finished_at
    [attempt] = delivery.attempts.all()
    assert (attempt.number, attempt.ok, attempt.status_code) == (1, True, 200)
    assert attempt.response_excerpt == "accepted" and attempt.duration_ms >= 0


@pytest.mark.django_db(transaction=True)
def test_a_500_is_retried_by_the_worker_with_the_same_delivery(receiver, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_RETRY_DELAY_SECONDS = 0
    subscription = subscribe(receiver.url)
    receiver.answers.extend([500])
    [delivery] = announce()
    assert receiver.received == []  # queued, not sent by the request
    work()
    first, second = receiver.received
    assert first.body == second.body
    assert first.headers["Newsroom-Delivery"] == second.headers["Newsroom-Delivery"]
    assert [first.headers["Newsroom-Attempt"], second.headers["Newsroom-Attempt"]] == ["1", "2"]
    for got in (first, second):
        header = got.headers["Newsroom-Signature"]
        assert signing.verify(subscription.secret, header, got.body, now=int(time.time()))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED
    attempts = list(delivery.attempts.values_list("number", "status_code", "ok"))
    assert attempts == [(1, 500, False), (2, 200, True)]
    assert delivery.attempts.first().response_excerpt == "receiver says no"


def test_a_failure_before_the_last_attempt_asks_the_queue_for_a_retry(receiver, settings):
    settings.TASKS_MAX_ATTEMPTS = 3
    subscription = subscribe(receiver.url)
    delivery = Delivery.objects.create(
        subscription=subscription, event="article.published", body="{}"
    )
    receiver.answers.extend([503])
    with pytest.raises(Exception, match="attempt 1: 503"):
        deliver.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RETRYING
    assert deliver.call(delivery.pk) == Delivery.Status.SUCCEEDED
    assert deliver.call(delivery.pk) == Delivery.Status.SUCCEEDED  # a repeat sends nothing more
    assert len(receiver.received) == 2


def test_redirects_are_not_followed(receiver, settings):
    settings.TASKS_MAX_ATTEMPTS = 1
    receiver.answers.extend([302])
    receiver.redirect_to = "http://169.254.169.254/latest/meta-data/"
    subscribe(receiver.url)
    [delivery] = announce()
    assert len(receiver.received) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts.get().status_code == 302


def test_a_receiver_that_never_answers_times_out(settings):
    settings.TASKS_MAX_ATTEMPTS = 1
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.2
    silent = socket.create_server(("127.0.0.1", 0))  # accepts connections, never answers
    try:
        subscribe(f"http://127.0.0.1:{silent.getsockname()[1]}/")
        [delivery] = announce()
    finally:
        silent.close()
    attempt = Attempt.objects.get(delivery=delivery)
    assert not attempt.ok and attempt.status_code is None and "timed out" in attempt.error


def test_repeated_failures_turn_the_subscription_off_and_tell_administrators(
    receiver, settings, django_capture_on_commit_callbacks
):
    settings.TASKS_MAX_ATTEMPTS = 1  # each delivery fails for good at its first attempt
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users
    admin = UserFactory(is_staff=True, is_superuser=True, email="chief@example.com")
    UserFactory(is_staff=True, email="writer@example.com")  # no administrator: not told
    subscription = subscribe(receiver.url)
    receiver.answers.extend([500, 500, 200, 500, 500, 500])
    for _ in range(5):
        announce()
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.consecutive_failures == 2  # reset by the 200
    with django_capture_on_commit_callbacks(execute=True):
        announce()
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.disabled_at is not None
    assert subscription.consecutive_failures == 3
    [notice] = mail.outbox
    assert notice.to == [admin.email] and "turned off" in notice.subject
    assert f"/admin/webhooks/subscription/{subscription.pk}/change/" in notice.body
    assert announce() == []  # an inactive subscription gets nothing
    assert len(receiver.received) == 6


def test_a_delivery_queued_before_the_subscription_was_turned_off_is_not_sent(receiver):
    subscription = subscribe(receiver.url)
    delivery = Delivery.objects.create(
        subscription=subscription, event="article.published", body="{}"
    )
    Subscription.objects.filter(pk=subscription.pk).update(is_active=False)
    assert deliver.call(delivery.pk) == Delivery.Status.SKIPPED
    assert receiver.received == []


def test_running_a_failed_delivery_again_sends_it_again(receiver, settings):
    """What "Run again" in the background jobs admin does with a delivery that failed for good."""
    settings.TASKS_MAX_ATTEMPTS = 1
    subscribe(receiver.url)
    receiver.answers.extend([500])
    [delivery] = announce()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert deliver.call(delivery.pk) == Delivery.Status.SUCCEEDED
    assert [a.number for a in delivery.attempts.all()] == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_a_receiver_down_for_every_attempt_leaves_a_failed_job(receiver, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_MAX_ATTEMPTS = 2
    settings.TASKS_RETRY_DELAY_SECONDS = 0
    subscription = subscribe(receiver.url)
    receiver.answers.extend([500, 502])
    [delivery] = announce()
    work()
    assert len(receiver.received) == 2
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    job = DBTaskResult.objects.get(task_path="webhooks.tasks.deliver")
    assert (job.status, len(job.worker_ids)) == (TaskResultStatus.FAILED, 2)
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1 and subscription.is_active
