"""Presence: who else has the article open (gone within a minute), and taking over from them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial.models import Presence
from tests.admin_forms import change_url
from tests.factories import ArticleFactory, AuthorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eda():
    return StaffUserFactory(role="Editor", first_name="Eda", last_name="Desk")


@pytest.fixture
def noor():
    return StaffUserFactory(role="Editor", first_name="Noor", last_name="Second")


def beat(client, article, **data):
    return client.post(f"/admin/articles/article/{article.pk}/presence/", data)


def test_opening_an_article_shows_who_else_is_editing_it(client, eda, noor):
    article = ArticleFactory()
    client.force_login(eda)
    client.get(change_url(article))
    beat(client, article, opened="1")  # what the page's script does at once
    since = timezone.localtime(Presence.objects.get(user=eda).since).strftime("%H:%M")
    client.force_login(noor)
    page = client.get(change_url(article)).content.decode()
    assert f"Eda Desk is editing this since {since}" in page
    assert "Take over editing" in page
    answer = beat(client, article).json()
    assert answer == {"others": [{"name": "Eda Desk", "since": since}], "taken_over_by": None}


def test_someone_who_stopped_beating_is_gone_within_a_minute(client, eda, noor):
    article = ArticleFactory()
    client.force_login(eda)
    beat(client, article, opened="1")
    Presence.objects.filter(user=eda).update(seen_at=timezone.now() - timedelta(seconds=46))
    client.force_login(noor)
    assert beat(client, article).json()["others"] == []
    assert "is editing this since" not in client.get(change_url(article)).content.decode()


def test_leaving_the_page_removes_the_presence_at_once(client, eda, noor):
    article = ArticleFactory()
    client.force_login(eda)
    beat(client, article, opened="1")
    client.post(f"/admin/articles/article/{article.pk}/presence/leave/")
    client.force_login(noor)
    assert beat(client, article).json()["others"] == []


def test_take_over_tells_the_other_editor(client, eda, noor):
    article = ArticleFactory()
    client.force_login(eda)
    beat(client, article, opened="1")
    client.force_login(noor)
    response = client.post(f"/admin/articles/article/{article.pk}/take-over/")
    assert response.status_code == 302
    assert beat(client, article).json()["others"] == []  # Eda no longer shows as editing
    client.force_login(eda)
    taken = beat(client, article).json()["taken_over_by"]
    assert taken["name"] == "Noor Second"
    assert taken["at"] == timezone.localtime().strftime("%H:%M")
    beat(client, article, opened="1")  # Eda reloads: a fresh start
    assert beat(client, article).json()["taken_over_by"] is None


def test_contributors_cannot_beat_or_take_over_what_they_cannot_edit(client, eda):
    contributor = StaffUserFactory(role="Contributor")
    AuthorFactory(user=contributor)
    theirs = ArticleFactory(draft=True)
    submitted = ArticleFactory(authors=[contributor.author], status="in_review")
    client.force_login(contributor)
    assert beat(client, theirs).status_code == 404
    assert beat(client, submitted).status_code == 403
    take_over = f"/admin/articles/article/{submitted.pk}/take-over/"
    assert client.post(take_over).status_code == 403
    assert client.get(f"/admin/articles/article/{submitted.pk}/presence/").status_code == 405
    assert not Presence.objects.filter(user=contributor).exists()
