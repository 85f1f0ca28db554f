"""Webhook subscriptions and the delivery log in the admin: administrators only."""

import socket

import pytest
from django.utils import timezone

from tests.factories import StaffUserFactory, UserFactory
from webhooks import targets
from webhooks.models import Attempt, Delivery, Event, Subscription

pytestmark = pytest.mark.django_db
LIST = "/admin/webhooks/subscription/"
ADD = "/admin/webhooks/subscription/add/"
LOG = "/admin/webhooks/delivery/"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def subscription():
    return Subscription.objects.create(
        name="Partner", target_url="https://hooks.example.org/in", events=[Event.PAGE_UPDATED]
    )


@pytest.fixture
def public_dns(monkeypatch):
    def getaddrinfo(host, port):
        address = "10.0.0.9" if host.startswith("internal.") else "93.184.215.14"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(targets, "getaddrinfo", getaddrinfo)


def form(**fields) -> dict:
    return {
        "name": "Partner app",
        "target_url": "https://hooks.example.org/in",
        "events": [Event.ARTICLE_PUBLISHED, Event.ARTICLE_UPDATED],
        "is_active": "on",
        **fields,
    }


@pytest.mark.parametrize("role", ["Contributor", "Editor"])
def test_contributors_and_editors_cannot_see_or_change_webhooks(client, role, subscription):
    client.force_login(StaffUserFactory(role=role))
    change = f"{LIST}{subscription.pk}/change/"
    for url in (LIST, ADD, change, LOG):
        assert client.get(url).status_code == 403, url
    assert client.post(ADD, form()).status_code == 403
    assert client.post(change, form(target_url="https://attacker.example/")).status_code == 403
    assert "/admin/webhooks/" not in client.get("/admin/").content.decode()
    subscription.refresh_from_db()
    assert subscription.target_url == "https://hooks.example.org/in"


@pytest.mark.parametrize("kind", ["Administrator", "superuser"])
def test_administrators_create_a_subscription_and_see_its_secret(client, kind, public_dns):
    user = (
        UserFactory(is_staff=True, is_superuser=True)
        if kind == "superuser"
        else StaffUserFactory(role="Administrator")
    )
    client.force_login(user)
    assert client.get(LIST).status_code == 200
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, form())
    assert response.status_code == 302
    created = Subscription.objects.get()
    assert created.events == [Event.ARTICLE_PUBLISHED, Event.ARTICLE_UPDATED]
    assert len(created.secret) == 64 and created.is_active
    page = client.get(f"{LIST}{created.pk}/change/").content.decode()
    assert created.secret in page
    other = Subscription.objects.create(name="Other", target_url="https://b.example/", events=[])
    assert other.secret != created.secret


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://127.0.0.1:8000/hook", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("https://internal.example.org/hook", "10.0.0.9, a private address"),
        ("ftp://hooks.example.org/", "http:// or https://"),
    ],
)
def test_a_private_or_odd_target_is_a_form_error(client, public_dns, url, says):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(ADD, form(target_url=url))
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_allow_setting_accepts_a_local_receiver(client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.post(ADD, form(target_url="http://127.0.0.1:9000/hook")).status_code == 302


def test_no_event_chosen_is_a_form_error(client, public_dns):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(ADD, form(events=[]))
    assert response.status_code == 200 and not Subscription.objects.exists()
    response = client.post(ADD, form(events=["article.exploded"]))
    assert response.status_code == 200 and not Subscription.objects.exists()


def test_a_subscription_turned_off_says_why_and_resumes_when_ticked(
    client, subscription, public_dns
):
    Subscription.objects.filter(pk=subscription.pk).update(
        is_active=False, disabled_at=timezone.now(), consecutive_failures=10
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = f"{LIST}{subscription.pk}/change/"
    page = client.get(change).content.decode()
    assert "after 10 failed deliveries in a row" in page
    assert client.post(change, form(events=[Event.PAGE_UPDATED])).status_code == 302
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.disabled_at is None
    assert subscription.consecutive_failures == 0


def make_deliveries(subscription, count: int) -> None:
    for n in range(count):
        delivery = Delivery.objects.create(
            subscription=subscription, event=Event.PAGE_UPDATED, body=f'{{"n": {n}}}'
        )
        for number, code in enumerate((500, 200), start=1):
            Attempt.objects.create(
                delivery=delivery, number=number, at=timezone.now(), ok=code == 200,
                status_code=code, duration_ms=12, response_excerpt="ok",
            )  # fmt: skip


@pytest.mark.parametrize("count", [1, 8])
def test_the_delivery_log_lists_in_a_fixed_number_of_queries(
    client, subscription, count, django_assert_num_queries
):
    make_deliveries(subscription, count)
    client.force_login(StaffUserFactory(role="Administrator"))
    client.get(LOG)  # warm the session and permission caches
    with django_assert_num_queries(12):
        response = client.get(LOG)
    assert response.status_code == 200
    assert response.context["cl"].result_count == count
    page = response.content.decode()
    assert all(str(uuid) in page for uuid in Delivery.objects.values_list("uuid", flat=True))


def test_a_delivery_shows_its_attempts_and_cannot_be_edited(client, subscription):
    make_deliveries(subscription, 1)
    delivery = Delivery.objects.get()
    client.force_login(StaffUserFactory(role="Administrator"))
    page = client.get(f"{LOG}{delivery.pk}/change/").content.decode()
    assert str(delivery.uuid) in page and "500" in page and "12" in page
    assert client.get(f"{LOG}add/").status_code == 403
    response = client.post(f"{LOG}{delivery.pk}/change/", {"status": "succeeded"})
    assert response.status_code == 403


@pytest.mark.parametrize("count", [1, 6])
def test_the_subscription_list_takes_a_fixed_number_of_queries(
    client, count, django_assert_num_queries
):
    for n in range(count):
        Subscription.objects.create(name=f"S{n}", target_url="https://a.example/", events=[])
    client.force_login(StaffUserFactory(role="Administrator"))
    client.get(LIST)
    with django_assert_num_queries(10):
        response = client.get(LIST)
    assert response.context["cl"].result_count == count


def test_an_administrator_makes_a_new_secret(client, subscription):
    old = subscription.secret
    client.force_login(StaffUserFactory(role="Administrator"))
    response = client.post(
        LIST, {"action": "make_new_secret", "_selected_action": [subscription.pk]}, follow=True
    )
    assert "New secret made for 1 subscription" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.secret != old and len(subscription.secret) == 64


def test_an_editor_cannot_make_a_new_secret(client, subscription):
    client.force_login(StaffUserFactory(role="Editor"))
    response = client.post(
        LIST, {"action": "make_new_secret", "_selected_action": [subscription.pk]}
    )
    assert response.status_code == 403
    assert Subscription.objects.get().secret == subscription.secret
