import pytest

from permalinks.models import Redirect
from permalinks.routing import add_redirect
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
