"""Reads go to the replica, writes and editors who just saved to the primary."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom.db_routers import PIN_COOKIE, ReplicaRouter
from tests.factories import ArticleFactory, UserFactory

two_databases = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings):
    settings.DATABASE_READ_REPLICA = "replica"
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


def superuser():
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()  # keeps the password hash the session is checked against
    return user


def captured(client, method: str, url: str, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, len(primary), len(replica)


def test_without_a_replica_everything_uses_the_primary(settings):
    settings.DATABASE_READ_REPLICA = None
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "default"
    assert router.db_for_write(Article) == "default"


def test_only_the_primary_is_migrated():
    assert ReplicaRouter().allow_migrate("default", "articles")
    assert not ReplicaRouter().allow_migrate("replica", "articles")


@two_databases
def test_reader_pages_are_read_from_the_replica(client, replica):
    article = ArticleFactory(headline="Read from the replica")
    response, primary, from_replica = captured(client, "get", article.get_absolute_url())
    assert response.status_code == 200
    assert "Read from the replica" in response.content.decode()
    assert primary == 0 and from_replica > 0
    assert PIN_COOKIE not in response.cookies


@two_databases
def test_the_admin_reads_and_writes_on_the_primary(client, replica):
    client.force_login(superuser())
    response, primary, from_replica = captured(client, "get", "/admin/articles/article/")
    assert response.status_code == 200
    assert primary > 0 and from_replica == 0


@two_databases
def test_an_editor_who_saved_keeps_reading_the_primary(client, replica, settings):
    settings.READ_YOUR_WRITES_SECONDS = 20
    article = ArticleFactory()
    client.force_login(superuser())
    client.cookies.pop(PIN_COOKIE, None)
    url = f"/admin/articles/article/{article.pk}/delete/"
    response, primary, _ = captured(client, "post", url, data={"post": "yes"})
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).trashed_at is not None  # deleting moves to trash
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 20 and cookie["httponly"]
    response, primary, from_replica = captured(client, "get", "/")
    assert response.status_code == 200
    assert primary > 0 and from_replica == 0


@two_databases
def test_the_pin_ends_when_the_cookie_expires(client, replica):
    ArticleFactory()
    client.cookies[PIN_COOKIE] = "1"
    assert captured(client, "get", "/")[1] > 0
    del client.cookies[PIN_COOKIE]
    _, primary, from_replica = captured(client, "get", "/")
    assert primary == 0 and from_replica > 0
