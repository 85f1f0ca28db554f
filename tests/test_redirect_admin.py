"""The redirect manager: editors see every redirect with its hits and add their own."""

import pytest
from django.contrib.auth.models import Permission

from redirects.models import Redirect
from redirects.recording import add_redirect
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/permalinks/redirect/add/"


def staff_user(**fields):
    """A saved user: UserFactory skips the save after `set_password`, which logs it out."""
    user = UserFactory(**fields)
    user.save()
    return user


@pytest.fixture
def editor(client):
    user = staff_user(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="permalinks"))
    client.force_login(user)
    return user


def test_list_shows_automatic_and_manual_redirects_with_hits(client, editor):
    add_redirect("/sections/old/", "/sections/new/", source=Redirect.Source.AUTOMATIC)
    add_redirect("/2013/03/post/", "/sections/new/")
    for _ in range(3):
        client.get("/2013/03/post/")
    response = client.get("/admin/permalinks/redirect/?o=-4")
    assert response.status_code == 200
    rows = response.context["cl"].result_list
    assert [(r.old_path, r.source, r.hits) for r in rows] == [
        ("/2013/03/post/", "manual", 3),
        ("/sections/old/", "automatic", 0),
    ]


def test_editor_adds_a_redirect_for_an_old_site_url(client, editor, section):
    response = client.post(
        ADD_URL, {"old_path": "/2013/03/old-post/", "new_path": "/sections/technology/"}
    )
    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.new_path, redirect.source) == (
        "/2013/03/old-post/",
        "/sections/technology/",
        "manual",
    )
    client.logout()
    response = client.get("/2013/03/old-post/", follow=True)
    assert response.redirect_chain == [("/sections/technology/", 301)]
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("old_path", "new_path", "field"),
    [
        ("https://old.example/post/", "/sections/a/", "old_path"),
        ("old-post", "/sections/a/", "old_path"),
        ("/post/?id=3", "/sections/a/", "old_path"),
        ("/post/#top", "/sections/a/", "old_path"),
        ("/post with space/", "/sections/a/", "old_path"),
        ("/post/", "//evil.example/", "new_path"),
        ("/post/", "https://evil.example/", "new_path"),
        ("/post/", "/post/", "new_path"),
        ("", "/sections/a/", "old_path"),
        # Encoded so that the typed text looks like a path, but the stored one is not.
        ("/post/", "/%2Fevil.example/", "new_path"),
        ("/post/", "/%2fevil.example/", "new_path"),
        ("/post/", "/%5Cevil.example/", "new_path"),
        ("/post/", "/\\evil.example/", "new_path"),
        ("/post/", "/%09/evil.example/", "new_path"),
        ("/post/", "/%0A/evil.example/", "new_path"),
        ("/post/", "/%C2%85/evil.example/", "new_path"),
        ("/post/", "/%252Fevil.example/", "new_path"),
        ("/post/", "/%E2%80%8B/x/", "new_path"),
        ("/post/", "/a%3Fnext=//evil.example", "new_path"),
        ("/%2F%2Fold/", "/sections/a/", "old_path"),
        ("/old%00/", "/sections/a/", "old_path"),
    ],
)
def test_bad_paths_are_refused_with_a_form_error(client, editor, old_path, new_path, field):
    response = client.post(ADD_URL, {"old_path": old_path, "new_path": new_path})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Redirect.objects.exists()


def test_a_target_that_leaves_the_site_through_an_older_row_is_refused(client, editor):
    Redirect.objects.create(old_path="/b/", new_path="//evil.example/")  # written before the fix
    response = client.post(ADD_URL, {"old_path": "/a/", "new_path": "/b/"})
    assert response.status_code == 200
    assert "off this site" in response.context["adminform"].form.errors["new_path"][0]
    assert not Redirect.objects.filter(old_path="/a/").exists()


def test_a_redirect_that_would_loop_is_refused(client, editor):
    add_redirect("/b/", "/a/")
    response = client.post(ADD_URL, {"old_path": "/a/", "new_path": "/b/"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["new_path"]
    assert "loop" in errors[0]
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {"/b/": "/a/"}


def test_a_target_that_already_redirects_is_followed(client, editor):
    add_redirect("/b/", "/c/")
    client.post(ADD_URL, {"old_path": "/a/", "new_path": "/b/"})
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/a/": "/c/",
        "/b/": "/c/",
    }


def test_adding_collapses_chains_that_pointed_at_the_new_old_path(client, editor):
    add_redirect("/a/", "/b/")
    client.post(ADD_URL, {"old_path": "/b/", "new_path": "/c/"})
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/a/": "/c/",
        "/b/": "/c/",
    }


def test_duplicate_old_path_is_refused(client, editor):
    add_redirect("/a/", "/b/")
    response = client.post(ADD_URL, {"old_path": "/a/", "new_path": "/c/"})
    assert response.status_code == 200
    assert "old_path" in response.context["adminform"].form.errors


def test_editing_a_redirect_follows_its_new_target(client, editor):
    redirect = add_redirect("/a/", "/b/")
    add_redirect("/c/", "/d/")
    url = f"/admin/permalinks/redirect/{redirect.pk}/change/"
    response = client.post(url, {"old_path": "/a/", "new_path": "/c/"})
    assert response.status_code == 302
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/a/": "/d/",
        "/c/": "/d/",
    }


def test_editing_a_redirect_into_a_loop_is_refused(client, editor):
    redirect = add_redirect("/a/", "/b/")
    add_redirect("/c/", "/d/")
    url = f"/admin/permalinks/redirect/{redirect.pk}/change/"
    response = client.post(url, {"old_path": "/d/", "new_path": "/c/"})
    assert response.status_code == 200
    assert "loop" in response.context["adminform"].form.errors["new_path"][0]
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/a/": "/b/",
        "/c/": "/d/",
    }


def test_percent_encoded_paths_are_stored_as_readers_request_them(client, editor):
    client.post(
        ADD_URL, {"old_path": "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/", "new_path": "/"}
    )
    assert Redirect.objects.get().old_path == "/новости/"
    client.logout()
    assert client.get("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/")["Location"] == "/"


def test_people_without_permission_cannot_manage_redirects(client):
    client.force_login(staff_user(is_staff=True))
    assert client.get("/admin/permalinks/redirect/").status_code == 403
    assert client.post(ADD_URL, {"old_path": "/a/", "new_path": "/b/"}).status_code == 403
    client.force_login(staff_user(is_staff=False))
    assert client.get(ADD_URL).status_code == 302
    assert not Redirect.objects.exists()
