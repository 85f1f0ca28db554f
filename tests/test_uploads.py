"""An upload whose save fails leaves no file and no row behind."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from PIL import Image

from authors.admin import AuthorAdmin
from authors.models import Author
from newsroom.uploads import discard_files_on_failure

pytestmark = pytest.mark.django_db


def _png(name: str = "portrait.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
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


def _add_author(client: Client):
    return client.post(
        "/admin/authors/author/add/",
        {"name": "Ana Ruiz", "slug": "ana-ruiz", "photo": _png(), "bio": "Ana covers courts."},
    )


def test_an_admin_upload_that_saves_normally_keeps_its_file(editor_client, settings):
    assert _add_author(editor_client).status_code == 302
    author = Author.objects.get(slug="ana-ruiz")
    assert _files(settings) == [author.photo.name]


def test_an_admin_save_failing_after_the_file_was_written_leaves_no_file_and_no_row(
    editor_client, settings, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("disk quota or database hiccup after the file was stored")

    monkeypatch.setattr(AuthorAdmin, "save_related", fail)
    response = _add_author(editor_client)
    assert response.status_code == 500
    assert not Author.objects.filter(slug="ana-ruiz").exists()
    assert _files(settings) == []


def test_code_outside_requests_can_discard_files_of_a_failed_block(settings):
    with pytest.raises(RuntimeError), discard_files_on_failure(), transaction.atomic():
        author = Author.objects.create(name="Li Wei", slug="li-wei", photo=_png("li.png"))
        assert _files(settings) == [author.photo.name]
        raise RuntimeError("importer failed half-way")
    assert not Author.objects.filter(slug="li-wei").exists()
    assert _files(settings) == []
