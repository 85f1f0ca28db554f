"""The image library in the admin, tried as an editor would: uploads good and bad."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from images.models import Image
from tests.factories import ArticleFactory, ImageFactory, UserFactory, image_bytes
from tests.test_images import _png_claiming, assert_no_metadata, phone_photo

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/images/image/add/"


@pytest.fixture
def editor_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()  # keep the password set after creation, which the session hash depends on
    client.force_login(user)
    return client


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def post_upload(client, data: bytes, name: str, **fields):
    payload = {"alt_text": "A ferry at dawn", "caption": "", "credit": "Photo: Jo Ruiz",
               "focal_x": "50", "focal_y": "50", **fields}  # fmt: skip
    payload["upload"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(ADD_URL, payload)


def test_editor_uploads_a_phone_photo_and_gets_a_clean_upright_image_with_renditions(
    editor_client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_upload(editor_client, phone_photo(), "IMG_0001.jpg")
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (20, 40)
    assert image.uploaded_by.is_staff
    assert image.renditions_ready
    for path in media_files(settings):
        assert_no_metadata(path.read_bytes())


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4 this is not a picture\n" * 10, "invoice.jpg", "not an image we accept"),
        (_png_claiming(50_000, 50_000), "bomb.png", "too many pixels"),
        (image_bytes((300, 200))[:200], "cut.jpg", "damaged or incomplete"),
    ],
    ids=["renamed-text-file", "decompression-bomb", "truncated-jpeg"],
)
def test_a_bad_upload_is_a_form_error_and_leaves_nothing_behind(
    editor_client, settings, data, name, message
):
    response = post_upload(editor_client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["adminform"].form.errors["upload"]
    assert not Image.objects.exists()
    assert media_files(settings) == []


def test_an_upload_without_alt_text_is_refused(editor_client, settings):
    response = post_upload(editor_client, image_bytes(), "ok.jpg", alt_text="")
    assert response.context["adminform"].form.errors["alt_text"]
    assert not Image.objects.exists() and media_files(settings) == []


def test_a_failed_save_removes_the_file_it_wrote(editor_client, settings, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise IntegrityError("database went away")

    monkeypatch.setattr(Image, "save", broken_save)
    editor_client.raise_request_exception = False
    response = post_upload(editor_client, image_bytes(), "ok.jpg")
    assert response.status_code == 500
    assert not Image.objects.exists()
    assert media_files(settings) == []


def test_focal_point_is_set_on_the_change_form_and_crops_follow(
    editor_client, django_capture_on_commit_callbacks
):
    image = ImageFactory(size=(1200, 600))
    url = f"/admin/images/image/{image.pk}/change/"
    html = editor_client.get(url).content.decode()
    assert "data-focal-picker" in html and 'id="id_focal_x"' in html
    assert re.search(r'<script src="[^"]*images/focal-point\.js"', html)
    assert not re.search(r"<script>(?!\s*</script>)", html)  # nothing inline of ours
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            {"alt_text": image.alt_text, "caption": "", "credit": "", "focal_x": "80",
             "focal_y": "20"},
        )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (80, 20) and image.renditions_ready
    left, _, right, _ = image.renditions_of("1x1")[0].box
    assert left <= 960 <= right and left > 0


def test_focal_point_outside_the_image_is_a_form_error(editor_client):
    image = ImageFactory()
    response = editor_client.post(
        f"/admin/images/image/{image.pk}/change/",
        {"alt_text": "x", "focal_x": "150", "focal_y": "-3"},
    )
    errors = response.context["adminform"].form.errors
    assert "focal_x" in errors and "focal_y" in errors


def test_changelist_shows_thumbnails_and_searches_credit(editor_client):
    ImageFactory(credit="Photo: Astrid Berg", colour="red")
    ImageFactory(credit="Photo: Someone Else", colour="blue")
    html = editor_client.get("/admin/images/image/?q=astrid").content.decode()
    assert "Astrid Berg" in html and "Someone Else" not in html
    assert 'class="image-thumb"' in html


def test_image_used_by_an_article_cannot_be_deleted(editor_client):
    image = ImageFactory()
    ArticleFactory(lead_image=image)
    response = editor_client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()
    assert "protected" in response.content.decode().lower()


def test_article_admin_picks_its_lead_image_by_autocomplete(editor_client):
    ImageFactory(caption="Harbour at night")
    html = editor_client.get("/admin/articles/article/add/").content.decode()
    assert 'data-model-name="image"' in html or "admin-autocomplete" in html
    found = editor_client.get(
        "/admin/autocomplete/",
        {"term": "harbour", "app_label": "articles", "model_name": "article",
         "field_name": "lead_image"},
    )  # fmt: skip
    assert [item["text"] for item in found.json()["results"]] == ["Harbour at night"]


def test_non_staff_cannot_reach_the_image_library(client):
    user = UserFactory()
    user.save()
    client.force_login(user)
    response = client.get(ADD_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
