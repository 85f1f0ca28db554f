"""The body editor's image endpoints: choices, thumbnails and uploads, for each role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from images.models import Image
from tests.factories import ImageFactory, StaffUserFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db
CHOICES = reverse("richtext:image_choices")
UPLOAD = reverse("richtext:image_upload")


def upload_data(**fields):
    data = {
        "alt_text": "Boats in the harbour",
        "credit": "Photo: Desk",
        "focal_x": 50,
        "focal_y": 50,
    }
    data["upload"] = SimpleUploadedFile(
        "boats.jpg", image_bytes((80, 60)), content_type="image/jpeg"
    )
    return data | fields


@pytest.mark.parametrize("role", ["Contributor", "Editor", "Administrator"])
def test_every_role_can_choose_and_upload(client, role):
    ImageFactory(alt_text="Quay at dawn")
    client.force_login(StaffUserFactory(role=role))
    choices = client.get(CHOICES).json()["images"]
    assert [c["alt"] for c in choices] == ["Quay at dawn"]
    response = client.post(UPLOAD, upload_data())
    assert response.status_code == 201
    assert Image.objects.get(pk=response.json()["id"]).alt_text == "Boats in the harbour"


def test_choices_are_searched_by_their_words(client):
    ImageFactory(alt_text="Quay at dawn")
    ImageFactory(alt_text="Market stalls", caption="Friday market")
    client.force_login(StaffUserFactory(role="Contributor"))
    assert [c["alt"] for c in client.get(CHOICES, {"q": "friday"}).json()["images"]] == [
        "Market stalls"
    ]


def test_a_bad_page_number_is_a_400(client):
    client.force_login(StaffUserFactory(role="Contributor"))
    assert client.get(CHOICES, {"page": "x"}).status_code == 400


def test_readers_and_anonymous_visitors_get_nothing(client):
    assert client.get(CHOICES).status_code == 302  # to the admin login
    assert client.post(UPLOAD, upload_data()).status_code == 302
    client.force_login(UserFactory())
    assert client.get(CHOICES).status_code == 302
    assert not Image.objects.exists()


def test_staff_without_image_permissions_are_refused(client):
    client.force_login(StaffUserFactory())
    assert client.get(CHOICES).status_code == 403
    assert client.post(UPLOAD, upload_data()).status_code == 403


def test_an_upload_without_alt_text_is_a_400_that_says_why(client):
    client.force_login(StaffUserFactory(role="Contributor"))
    response = client.post(UPLOAD, upload_data(alt_text=""))
    assert response.status_code == 400
    assert "alt_text" in response.json()["errors"]
    assert not Image.objects.exists()


def test_a_file_that_is_no_image_is_a_400(client):
    client.force_login(StaffUserFactory(role="Contributor"))
    bad = SimpleUploadedFile("notes.jpg", b"not a picture", content_type="image/jpeg")
    response = client.post(UPLOAD, upload_data(upload=bad))
    assert response.status_code == 400 and "upload" in response.json()["errors"]


def test_upload_answers_only_post(client):
    client.force_login(StaffUserFactory(role="Contributor"))
    assert client.get(UPLOAD).status_code == 405


def test_a_thumbnail_redirects_to_the_image_or_404s(client):
    image = ImageFactory()
    client.force_login(StaffUserFactory(role="Contributor"))
    url = reverse("richtext:image_thumbnail", kwargs={"pk": image.pk})
    assert client.get(url)["Location"] == Image.objects.get(pk=image.pk).thumbnail_url()
    missing = reverse("richtext:image_thumbnail", kwargs={"pk": image.pk + 1000})
    assert client.get(missing).status_code == 404
