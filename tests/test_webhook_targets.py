"""Webhook targets and signatures: no request forgery into private networks, and a signature
that a receiver can check."""

import hashlib
import hmac
import socket

import pytest
from django.core.exceptions import SuspiciousOperation

from tests.webhook_receiver import start
from webhooks import signing, targets
from webhooks.events import queue
from webhooks.models import Delivery, Event, Subscription
from webhooks.targets import TargetRefused, check
from webhooks.tasks import deliver


def answers(*addresses: str):
    """A stand-in resolver giving `addresses`, counting its calls."""

    def getaddrinfo(host, port):
        getaddrinfo.calls.append(host)
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    getaddrinfo.calls = []
    return getaddrinfo


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.8.9.10:8080/hook",
        "http://[::1]/",
        "http://10.0.0.7/",
        "http://172.16.4.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.1.2.3]/",
        "http://[::ffff:a9fe:a9fe]/",  # 169.254.169.254, IPv4-mapped in hex
        "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://2130706433/",  # 127.0.0.1 in decimal
        "http://0177.0.0.1/",  # in octal
        "http://0x7f.1/",  # in hex, short form
        "http://017700000001/",
        "http://0/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://240.0.0.1/",
        "http://100.64.0.1/",  # shared address space (carrier NAT)
        "http://[fc00::1]/",
    ],
)
def test_private_and_special_addresses_are_refused(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    with pytest.raises(TargetRefused, match="public addresses only"):
        check(url)


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/", "file:///etc/passwd", "gopher://example.org/", "//example.org/", "http:///x",
     "https://user:pw@example.org/", "http://example.org:99999/", "http://[::1/"],
)  # fmt: skip
def test_only_plain_http_urls_are_accepted(url):
    with pytest.raises(TargetRefused):
        check(url)


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    monkeypatch.setattr(targets, "getaddrinfo", answers("10.20.30.40"))
    with pytest.raises(TargetRefused, match=r"hooks\.example\.org resolves to 10\.20\.30\.40"):
        check("https://hooks.example.org/in")


def test_every_address_of_a_name_must_be_public(monkeypatch, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    monkeypatch.setattr(targets, "getaddrinfo", answers("93.184.215.14", "::1"))
    with pytest.raises(TargetRefused, match="loopback"):
        check("https://hooks.example.org/in")


def test_a_public_name_is_accepted_with_the_addresses_it_was_checked_with(monkeypatch, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    monkeypatch.setattr(targets, "getaddrinfo", answers("93.184.215.14", "2606:4700::1"))
    target = check("https://Hooks.Example.org/in?x=1")
    assert (target.scheme, target.host, target.port, target.path) == (
        "https", "hooks.example.org", 443, "/in?x=1"
    )  # fmt: skip
    assert [str(a) for a in target.addresses] == ["93.184.215.14", "2606:4700::1"]


def test_a_name_that_does_not_resolve_is_refused(monkeypatch):
    def fails(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(targets, "getaddrinfo", fails)
    with pytest.raises(TargetRefused, match="cannot be resolved"):
        check("https://nowhere.invalid/")


def test_the_setting_allows_private_addresses_but_not_other_schemes(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    assert check("http://127.0.0.1:8001/hook").addresses[0].is_loopback
    with pytest.raises(TargetRefused):
        check("file:///etc/passwd")


@pytest.mark.django_db
def test_a_name_that_turns_private_after_the_save_is_refused_at_delivery(monkeypatch, settings):
    """DNS rebinding: the check runs again before each delivery, on the answer it connects to."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    settings.TASKS_MAX_ATTEMPTS = 5
    receiver, server = start()
    try:
        port = receiver.url.split(":")[2].split("/")[0]
        subscription = Subscription.objects.create(
            name="Rebinder",
            target_url=f"http://rebind.example.org:{port}/",
            events=["page.published"],
        )
        monkeypatch.setattr(targets, "getaddrinfo", answers("127.0.0.1"))
        delivery = Delivery.objects.create(
            subscription=subscription, event="page.published", body="{}"
        )
        with pytest.raises(SuspiciousOperation):  # the worker never retries this error
            deliver.call(delivery.pk)
    finally:
        server.shutdown()
        server.server_close()
    assert receiver.received == []
    attempt = delivery.attempts.get()
    assert attempt.status_code is None and "127.0.0.1, a loopback address" in attempt.error
    assert Delivery.objects.get().status == Delivery.Status.FAILED


@pytest.mark.django_db
def test_the_connection_goes_to_the_checked_address_under_the_name(monkeypatch, settings):
    """Resolved once, connected to that address: a second answer could not be used."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    receiver, server = start()
    resolver = answers("127.0.0.1")
    monkeypatch.setattr(targets, "getaddrinfo", resolver)
    try:
        port = receiver.url.split(":")[2].split("/")[0]
        subscription = Subscription.objects.create(
            name="Named",
            target_url=f"http://hooks.example.org:{port}/in",
            events=[Event.PAGE_PUBLISHED],
        )
        queue(Event.PAGE_PUBLISHED, lambda: {"type": "page", "id": 1})
    finally:
        server.shutdown()
        server.server_close()
    [got] = receiver.received
    assert got.headers["Host"] == f"hooks.example.org:{port}"
    assert resolver.calls == ["hooks.example.org"]
    assert subscription.deliveries.get().status == Delivery.Status.SUCCEEDED


def test_a_signature_is_refused_when_anything_changed():
    body = b'{"event":"article.published"}'
    header = signing.header_value("s3cret", 1_800_000_000, body)
    assert header.startswith("t=1800000000,v1=")
    assert signing.verify("s3cret", header, body, now=1_800_000_010)
    assert not signing.verify("s3cret", header, body + b" ", now=1_800_000_010)
    assert not signing.verify("other", header, body, now=1_800_000_010)
    assert not signing.verify("s3cret", header, body, now=1_800_000_000 + 301)  # replayed later
    assert not signing.verify(
        "s3cret", header.replace("t=1800000000", "t=1800000001"), body, now=1_800_000_010
    )
    assert not signing.verify("s3cret", "v1=abc", body, now=1_800_000_010)


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(b"key", b"1700000000.{}", hashlib.sha256).hexdigest()
    assert signing.signature("key", 1_700_000_000, b"{}") == expected
