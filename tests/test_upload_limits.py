"""Uploads cannot hold a worker hostage: a pixel budget per request, one upload per user.

The attack: a 7,740×7,740 PNG of one colour (175 KB, under the 60-megapixel limit) is decoded
and made into renditions inside the request; two at once take both workers of a 2-core server.
"""

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage

from images import limits, originals
from images.models import Image
from images.originals import clean_upload

pytestmark = pytest.mark.django_db

MIDDLEWARE = "images.limits.UploadLimitsMiddleware"


def _png(size=(100, 100), colour="teal") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def limited(settings):
    """The middleware in place, a budget of 50,000 pixels a request, slots of 60 s."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        auth = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE[: auth + 1], MIDDLEWARE, *settings.MIDDLEWARE[auth + 1 :]
        ]  # fmt: skip
    settings.IMAGES_REQUEST_MAX_PIXELS = 50_000
    settings.IMAGES_UPLOAD_SLOT_SECONDS = 60
    return settings


def _login(name: str) -> tuple[Client, object]:
    user = get_user_model().objects.create_superuser(name, f"{name}@example.com", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client, user


def _add_image(client: Client, size=(100, 100), alt="Harbour"):
    return client.post(
        "/admin/images/image/add/",
        {"upload": _png(size), "alt_text": alt, "focal_x": "50", "focal_y": "50"},
    )


def _upload_errors(response) -> list[str]:
    assert response.status_code == 200  # the form again, not a 500
    return [str(error) for error in response.context["adminform"].form.errors["upload"]]


def test_an_upload_over_the_request_pixel_budget_is_refused_before_decoding(limited, monkeypatch):
    client, _ = _login("chief")
    decoded = []
    monkeypatch.setattr(originals.ImageOps, "exif_transpose", lambda *a, **k: decoded.append(1))
    (error,) = _upload_errors(_add_image(client, size=(200, 200)))  # 2 × 40,000 > 50,000
    assert "one request may decode at most" in error
    assert decoded == [] and not Image.objects.exists()


def test_an_upload_within_the_budget_is_stored(limited):
    client, _ = _login("chief")
    response = _add_image(client, size=(150, 150))  # 2 × 22,500 = 45,000
    assert response.status_code == 302
    assert Image.objects.get().width == 150


def test_the_budget_adds_up_over_every_decode_in_a_request(limited):
    with limits.request_limits():
        clean_upload(_png((100, 100)))  # 20,000
        clean_upload(_png((100, 100)))  # 40,000
        with pytest.raises(Exception, match="one request may decode at most") as refused:
            clean_upload(_png((100, 100)))  # would be 60,000
    assert refused.value.code == "request_pixel_budget"


def test_a_queue_backend_halves_the_charge(limited, monkeypatch):
    monkeypatch.setattr(limits, "renditions_in_request", lambda: False)
    with limits.request_limits() as account:
        clean_upload(_png((100, 100)))
    assert account.spent_pixels == 10_000


def test_outside_a_request_nothing_is_limited(settings):
    settings.IMAGES_REQUEST_MAX_PIXELS = 1
    assert clean_upload(_png((100, 100))).width == 100  # importers, management commands


def test_a_second_upload_by_the_same_user_while_one_is_processed_is_refused(limited):
    client, user = _login("chief")
    other, _ = _login("desk")
    cache.set(limits.slot_key(user.pk), "held by another worker", 60)  # upload in flight
    (error,) = _upload_errors(_add_image(client))
    assert "Another upload of yours is still being processed" in error
    assert not Image.objects.exists()
    assert _add_image(other, alt="Someone else's").status_code == 302  # others are not blocked
    assert cache.get(limits.slot_key(user.pk)) == "held by another worker"  # not ours to free
    cache.delete(limits.slot_key(user.pk))  # the first upload finishes
    assert _add_image(client).status_code == 302


@pytest.mark.django_db(transaction=True)  # renditions run at commit, inside the request
def test_the_slot_is_held_during_the_upload_and_freed_after_success_or_error(limited, monkeypatch):
    client, user = _login("chief")
    seen = []
    make = Image.make_renditions
    monkeypatch.setattr(
        Image,
        "make_renditions",
        lambda image: seen.append(cache.get(limits.slot_key(user.pk))) or make(image),
    )
    assert _add_image(client).status_code == 302
    assert seen and seen[0] is not None  # renditions are made while the slot is held
    assert cache.get(limits.slot_key(user.pk)) is None
    assert _upload_errors(_add_image(client, size=(300, 300)))  # over budget: freed as well
    assert cache.get(limits.slot_key(user.pk)) is None
    assert _add_image(client, alt="Again").status_code == 302


def test_a_slot_left_by_a_crashed_worker_expires(limited):
    limited.IMAGES_UPLOAD_SLOT_SECONDS = 1
    user = get_user_model().objects.create_user("crashed")
    account = limits.RequestLimits(user=user)
    limits.charge_decode(10, 10)  # no request: nothing taken
    limits._take_slot(account)  # a worker takes the slot, then dies without freeing it
    assert account.slot_key
    with limits.request_limits(user), pytest.raises(Exception, match="Another upload"):
        limits.charge_decode(10, 10)
    time.sleep(1.1)
    with limits.request_limits(user) as later:
        limits.charge_decode(10, 10)
    assert later.slot_key and later.slot_token != account.slot_token


def test_a_cache_outage_lets_uploads_through_rather_than_refusing_all(limited, monkeypatch):
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    client, _ = _login("chief")
    assert _add_image(client).status_code == 302
