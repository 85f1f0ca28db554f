"""Previews: from the edit page for editors and bylines, and signed, expiring shared links."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import previews
from tests.factories import ArticleFactory, AuthorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, headline="Unreleased investigation")


def test_shared_link_shows_the_draft_without_an_account(client, draft):
    response = client.get(previews.preview_url(draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Unreleased investigation" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Preview" in html


def test_tampered_link_is_refused(client, draft):
    other = ArticleFactory(draft=True, headline="Another secret")
    token = previews.preview_token(draft)
    forged = token.replace(token.split(":")[0], previews.preview_token(other).split(":")[0])
    assert client.get(f"/preview/{forged}/").status_code == 404
    assert client.get(f"/preview/{token[:-2]}xx/").status_code == 404
    assert client.get("/preview/not-a-token/").status_code == 404


def test_link_expires_after_48_hours(client, draft):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        url = previews.preview_url(draft)
    with time_machine.travel(start + timedelta(hours=47, minutes=59), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(start + timedelta(hours=48, seconds=1), tick=False):
        response = client.get(url)
        assert response.status_code == 404


def test_link_of_a_trashed_article_stops_working(client, draft):
    url = previews.preview_url(draft)
    draft.trashed_at = timezone.now()
    draft.save()
    assert client.get(url).status_code == 404


def test_editor_previews_from_the_edit_page(client, draft):
    client.force_login(StaffUserFactory(role="Editor"))
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert f"/admin/articles/article/{draft.pk}/preview/" in page
    assert "/preview/" in page and "Shareable preview link" in page
    response = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert response.status_code == 200
    assert "Unreleased investigation" in response.content.decode()
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_byline_contributor_previews_their_draft_but_not_others(client):
    user = StaffUserFactory(role="Contributor")
    mine = ArticleFactory(draft=True, authors=[AuthorFactory(user=user)])
    theirs = ArticleFactory(draft=True)
    client.force_login(user)
    assert client.get(f"/admin/articles/article/{mine.pk}/preview/").status_code == 200
    assert client.get(f"/admin/articles/article/{theirs.pk}/preview/").status_code == 404


def test_admin_preview_needs_a_login(client, draft):
    response = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
