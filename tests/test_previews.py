"""Previews: from the edit page for editors and bylines, and signed, expiring shared links."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from editorial import previews, trash, workflow
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


# Revocable links (issue 19): a per-article secret is signed into every link -----------------


def test_unpublishing_revokes_every_earlier_link(client):
    editor = StaffUserFactory(role="Editor")
    article = ArticleFactory(headline="Pulled story")
    url = previews.preview_url(article)
    assert client.get(url).status_code == 200
    workflow.apply(article, "unpublish", editor)
    assert client.get(url).status_code == 404
    assert client.get(previews.preview_url(article)).status_code == 200  # a new link works


def test_moving_to_the_trash_revokes_links_for_good(client, draft):
    editor = StaffUserFactory(role="Editor")
    url = previews.preview_url(draft)
    trash.move_to_trash(draft, editor)
    trash.restore_from_trash(draft, editor)
    assert client.get(url).status_code == 404


def test_a_link_without_the_secret_is_refused(client, draft):
    from django.core import signing

    previews.preview_url(draft)  # the article has a key
    old_style = signing.dumps({"article": draft.pk}, salt=previews.SALT, compress=True)
    assert client.get(f"/preview/{old_style}/").status_code == 404


def _revoke(client, article):
    return client.post(f"/admin/articles/article/{article.pk}/preview/revoke/")


def test_editor_revokes_links_from_the_edit_page(client, draft):
    client.force_login(StaffUserFactory(role="Editor"))
    old = previews.preview_url(draft)
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert "Revoke preview links" in page and 'form="revoke-previews"' in page
    response = _revoke(client, draft)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{draft.pk}/change/"
    assert client.get(old).status_code == 404
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    new = page.split('id="share-url" type="text" readonly value="http://testserver', 1)[1]
    assert client.get(new.split('"', 1)[0]).status_code == 200


def test_contributor_revokes_links_of_their_own_article_only(client):
    user = StaffUserFactory(role="Contributor")
    mine = ArticleFactory(authors=[AuthorFactory(user=user)])  # published: no longer editable
    theirs = ArticleFactory(draft=True)
    mine_url, theirs_url = previews.preview_url(mine), previews.preview_url(theirs)
    client.force_login(user)
    assert _revoke(client, mine).status_code == 302
    assert client.get(mine_url).status_code == 404
    assert _revoke(client, theirs).status_code == 404
    assert client.get(theirs_url).status_code == 200


def test_revoking_needs_a_post_and_a_login(client, draft):
    url = previews.preview_url(draft)
    response = _revoke(client, draft)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(StaffUserFactory(role="Editor"))
    assert client.get(f"/admin/articles/article/{draft.pk}/preview/revoke/").status_code == 405
    assert client.get(url).status_code == 200


def test_a_preview_allows_frames_from_its_embeds_only(client, draft):
    draft.body = (
        '<figure data-embed="vimeo"><a href="https://vimeo.com/76979871">Tide film</a></figure>'
    )
    draft.save()
    policy = client.get(previews.preview_url(draft))["Content-Security-Policy"]
    assert "frame-src https://player.vimeo.com" in policy
