"""An upload whose save fails leaves no file and no row behind, whatever the storage."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from PIL import Image as PILImage

from core.uploads import discard_files_on_failure
from images.admin import ImageAdmin
from images.models import Image
from images.originals import clean_upload

pytestmark = pytest.mark.django_db


def _png(name: str = "portrait.png", colour: str = "teal") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def editor_client(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    chief = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(chief)
    return client


def _add_image(client: Client):
    return client.post(
        "/admin/images/image/add/",
        {"upload": _png(), "alt_text": "Ana Ruiz", "focal_x": "50", "focal_y": "50"},
    )


def test_an_admin_upload_that_saves_normally_keeps_its_file(editor_client, settings):
    assert _add_image(editor_client).status_code == 302
    image = Image.objects.get(alt_text="Ana Ruiz")
    assert _files(settings) == [image.file.name]


def test_an_admin_save_failing_after_the_file_was_written_leaves_no_file_and_no_row(
    editor_client, settings, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("disk quota or database hiccup after the file was stored")

    monkeypatch.setattr(ImageAdmin, "save_related", fail)
    response = _add_image(editor_client)
    assert response.status_code == 500
    assert not Image.objects.exists()
    assert _files(settings) == []


def test_code_outside_requests_can_discard_files_of_a_failed_block(settings):
    with pytest.raises(RuntimeError), discard_files_on_failure(), transaction.atomic():
        image = Image.from_upload(_png("li.png"), alt_text="Li Wei")
        assert _files(settings) == [image.file.name]
        raise RuntimeError("importer failed half-way")
    assert not Image.objects.exists()
    assert _files(settings) == []


@pytest.fixture
def memory_storage(settings):
    """A storage that is not the local disk, standing in for S3 in production."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return default_storage


def test_a_failed_admin_upload_leaves_no_file_on_a_storage_other_than_the_disk(
    editor_client, memory_storage, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("database hiccup after the file was stored")

    name = clean_upload(_png()).name
    monkeypatch.setattr(ImageAdmin, "save_related", fail)
    assert _add_image(editor_client).status_code == 500
    assert not Image.objects.exists()
    assert not memory_storage.exists(name)


def test_a_block_keeps_its_files_on_any_storage_when_it_succeeds(memory_storage):
    with discard_files_on_failure():
        image = Image.from_upload(_png("li.png"), alt_text="Li Wei")
    assert memory_storage.exists(image.file.name)
    with pytest.raises(RuntimeError), discard_files_on_failure(), transaction.atomic():
        other = Image.from_upload(_png("other.png", "red"), alt_text="Other")
        raise RuntimeError("importer failed half-way")
    assert memory_storage.exists(image.file.name)
    assert not memory_storage.exists(other.file.name)
