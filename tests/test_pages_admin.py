"""Pages, menus and the brand in the admin, for each role; form errors, never a 500."""

import pytest

from pages.models import MenuItem, Page, PageRevision
from tests.factories import SectionFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
ADD = "/admin/pages/page/add/"


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor")


def page_data(**overrides) -> dict:
    data = {
        "title": "About us", "slug": "about", "parent": "", "status": "published",
        "body": "<p>Hello <script>x()</script></p>", "seo_title": "", "seo_description": "",
        "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("role", "pages", "menus", "brand"),
    [
        ("Contributor", 403, 403, 403),
        ("Editor", 200, 200, 403),
        ("Administrator", 200, 200, 200),
    ],
)
def test_roles_reach_pages_menus_and_brand_as_decided(client, role, pages, menus, brand):
    client.force_login(StaffUserFactory(role=role))
    assert client.get("/admin/pages/page/").status_code == pages
    assert client.get(ADD).status_code == pages
    assert client.get("/admin/pages/menuitem/add/").status_code == menus
    assert client.get("/admin/branding/brand/").status_code == brand


def test_contributor_cannot_post_a_page(client):
    client.force_login(StaffUserFactory(role="Contributor"))
    assert client.post(ADD, page_data()).status_code == 403
    assert not Page.objects.exists()


def test_editor_adds_a_page_with_a_sanitized_body_and_a_revision(client, editor):
    client.force_login(editor)
    response = client.post(ADD, page_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get()
    assert page.body == "<p>Hello </p>"
    revision = PageRevision.objects.get()
    assert revision.saved_by == editor and revision.title == "About us"
    client.post(f"/admin/pages/page/{page.pk}/change/", page_data(title="About"))
    assert PageRevision.objects.count() == 2
    change = client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert "revisions (each save, newest first)" in change.lower()


def test_reserved_slug_is_a_form_error(client, editor):
    client.force_login(editor)
    response = client.post(ADD, page_data(slug="search"))
    assert response.status_code == 200
    assert "belongs to the site itself" in response.content.decode()
    assert not Page.objects.exists()


def test_empty_slug_is_made_from_the_title_and_avoids_reserved_words(client, editor):
    client.force_login(editor)
    assert client.post(ADD, page_data(title="Search", slug="")).status_code == 302
    assert Page.objects.get().slug == "search-page"


def test_parent_cycle_is_a_form_error(client, editor):
    top = Page.objects.create(slug="top", title="Top")
    child = Page.objects.create(slug="child", title="Child", parent=top)
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/page/{top.pk}/change/", page_data(title="Top", slug="top", parent=child.pk)
    )
    assert response.status_code == 200
    assert "inside itself" in response.content.decode()


def test_editor_adds_a_menu_item_and_bad_input_is_a_form_error(client, editor):
    section = SectionFactory()
    client.force_login(editor)
    data = {"menu": "header", "position": "0", "label": "", "section": section.pk,
            "page": "", "url": "", "parent": ""}  # fmt: skip
    assert client.post("/admin/pages/menuitem/add/", data).status_code == 302
    bad = {**data, "url": "javascript:alert(1)", "label": "X"}
    response = client.post("/admin/pages/menuitem/add/", bad)
    assert response.status_code == 200
    assert MenuItem.objects.count() == 1


def test_page_list_query_count_is_flat(client, editor, django_assert_max_num_queries):
    top = Page.objects.create(slug="top", title="Top")
    for number in range(30):
        Page.objects.create(slug=f"p{number}", title=f"P{number}", parent=top)
    client.force_login(editor)
    client.get("/admin/pages/page/")
    with django_assert_max_num_queries(12):
        assert client.get("/admin/pages/page/").status_code == 200
