import logging

import pytest

from redirects.models import Redirect
from redirects.recording import add_redirect
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _table():
    return dict(Redirect.objects.values_list("old_path", "new_path"))


def test_old_path_answers_301_and_counts_hits(client):
    add_redirect("/2013/03/old-post/", "/sections/science/")
    response = client.get("/2013/03/old-post/?utm=x")
    assert response.status_code == 301
    assert response["Location"] == "/sections/science/?utm=x"
    assert Redirect.objects.get().hits == 1


def test_live_pages_are_never_redirected(client):
    article = ArticleFactory()
    add_redirect(article.get_absolute_url(), "/elsewhere/")
    # Recording a redirect away from a live page is allowed, but the live page still wins.
    assert client.get(article.get_absolute_url()).status_code == 200


def test_chains_collapse():
    add_redirect("/a/", "/b/")
    add_redirect("/b/", "/c/")
    assert _table() == {"/a/": "/c/", "/b/": "/c/"}


def test_loops_cannot_form():
    add_redirect("/a/", "/b/")
    add_redirect("/b/", "/a/")
    assert _table() == {"/b/": "/a/"}


def test_self_redirect_is_ignored():
    assert add_redirect("/a/", "/a/") is None
    assert _table() == {}


def test_unknown_path_still_404(client):
    assert client.get("/never/was/").status_code == 404


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example/",
        "/\\/evil.example/",
        "/\t/evil.example/",
        "/\n/evil.example/",
        "/\x00/x/",
        "/\x85/evil.example/",
        "/%2Fevil.example/",
        "/%5Cevil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
        " //evil.example/",
        "",
    ],
)
def test_a_stored_target_that_leaves_the_site_answers_404_not_a_redirect(client, target, caplog):
    """Rows the admin would refuse may still be in the table: from before, an import, a shell."""
    Redirect.objects.create(old_path="/2013/03/old-post/", new_path=target)
    with caplog.at_level(logging.WARNING, logger="redirects.middleware"):
        response = client.get("/2013/03/old-post/")
    assert response.status_code == 404
    assert "Location" not in response
    assert Redirect.objects.get().hits == 0
    assert any("leaves the site" in message for message in caplog.messages)


def test_a_target_with_unicode_and_a_literal_percent_still_redirects(client):
    add_redirect("/old/", "/новости/100%-sure/")
    response = client.get("/old/")
    assert response.status_code == 301
    assert response["Location"] == "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/100%-sure/"
