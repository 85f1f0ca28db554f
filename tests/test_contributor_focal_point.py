"""Contributors click the focal point of their own uploads (and change nothing else of them)."""

import pytest
from django.contrib.auth.models import Group, Permission

from editorial.roles import ensure_roles
from tests.factories import ImageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(db):
    ensure_roles(Group, Permission)
    return StaffUserFactory(role="Contributor")


def test_contributor_sets_the_focal_point_of_their_own_upload_only(
    client, contributor, django_capture_on_commit_callbacks
):
    own = ImageFactory(size=(1200, 600), uploaded_by=contributor, alt_text="A ferry")
    url = f"/admin/images/image/{own.pk}/change/"
    client.force_login(contributor)
    html = client.get(url).content.decode()
    assert "data-focal-picker" in html and 'name="focal_x"' in html
    assert 'name="alt_text"' not in html and 'name="upload"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"focal_x": "80", "focal_y": "20", "alt_text": "Changed"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.focal_x, own.focal_y, own.alt_text) == (80, 20, "A ferry")

    other = ImageFactory(uploaded_by=StaffUserFactory(role="Editor"))
    other_url = f"/admin/images/image/{other.pk}/change/"
    assert client.post(other_url, {"focal_x": "10", "focal_y": "10"}).status_code == 403
    other.refresh_from_db()
    assert (other.focal_x, other.focal_y) != (10, 10)


def test_the_add_page_lets_the_chosen_file_be_clicked_before_upload(client, contributor):
    client.force_login(contributor)
    html = client.get("/admin/images/image/add/").content.decode()
    assert 'data-focal-picker data-upload="id_upload"' in html
