"""The write API: drafts and workflow steps through the admin's form, revisions and workflow."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from api.admin import ApiTokenForm
from api.models import ApiToken
from articles.models import Article, Revision, Transition
from tests.api_helpers import bearer, token_for
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
ARTICLES = "/api/v1/articles/"


def _post(client, url, data, secret, **headers):
    return client.post(
        url, json.dumps(data), content_type="application/json", **bearer(secret), **headers
    )


def _patch(client, url, data, secret, **headers):
    return client.patch(
        url, json.dumps(data), content_type="application/json", **bearer(secret), **headers
    )


@pytest.fixture
def contributor():
    return StaffUserFactory(role="Contributor")


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor")


def _draft(client, secret, **fields):
    section = SectionFactory()
    data = {
        "headline": "Wire: harbour opens",
        "section": section.pk,
        "authors": [AuthorFactory().pk],
        **fields,
    }
    response = _post(client, ARTICLES, data, secret)
    assert response.status_code == 201, response.content
    return response


def test_a_contributor_creates_a_sanitized_draft_with_a_revision(client, contributor):
    secret = token_for(contributor, scope="write")
    response = _draft(client, secret, body='<p onclick="x()">Text<script>alert(1)</script></p>')
    article = Article.objects.get(pk=response.json()["id"])
    assert article.status == Article.Status.DRAFT and article.created_by == contributor
    assert "script" not in article.body and "onclick" not in article.body
    assert Revision.objects.filter(article=article, number=1).exists()
    assert response["ETag"].startswith('"v1-')
    assert client.get(f"{ARTICLES}{article.pk}/").status_code == 404  # not public


def test_a_read_token_cannot_write(client, editor):
    response = _post(
        client, ARTICLES, {"headline": "x", "section": SectionFactory().pk}, token_for(editor)
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_validation_errors_are_problems_naming_the_field(client, editor):
    secret = token_for(editor, scope="write")
    response = _post(client, ARTICLES, {"headline": "Fine", "section": 999999}, secret)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "section"
    response = _post(client, ARTICLES, {"section": 1}, secret)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "headline"
    response = _post(
        client,
        ARTICLES,
        {"headline": "x", "section": SectionFactory().pk, "authors": [987654]},
        secret,
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "authors"


def test_the_same_idempotency_key_returns_the_first_result(client, editor):
    secret = token_for(editor, scope="write")
    data = {"headline": "Once only", "section": SectionFactory().pk}
    first = _post(client, ARTICLES, data, secret, HTTP_IDEMPOTENCY_KEY="abc-1")
    again = _post(client, ARTICLES, data, secret, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Article.objects.filter(headline="Once only").count() == 1
    other_user = token_for(role="Editor", scope="write")
    third = _post(client, ARTICLES, data, other_user, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert third.json()["id"] != first.json()["id"]


def test_update_needs_the_current_revision(client, editor):
    secret = token_for(editor, scope="write")
    created = _draft(client, secret)
    url = f"{ARTICLES}{created.json()['id']}/"
    assert _patch(client, url, {"standfirst": "New"}, secret).status_code == 428
    updated = _patch(client, url, {"standfirst": "New"}, secret, HTTP_IF_MATCH=created["ETag"])
    assert updated.status_code == 200, updated.content
    assert updated.json()["standfirst"] == "New" and updated["ETag"].startswith('"v2-')
    stale = _patch(client, url, {"standfirst": "Old"}, secret, HTTP_IF_MATCH=created["ETag"])
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    assert Article.objects.get(pk=created.json()["id"]).standfirst == "New"


def test_a_contributor_cannot_publish_or_edit_others_drafts(client, contributor, editor):
    secret = token_for(contributor, scope="write")
    own = _draft(client, secret).json()
    steps = f"{ARTICLES}{own['id']}/transitions/"
    assert _post(client, steps, {"action": "publish"}, secret).status_code == 403
    assert _post(client, steps, {"action": "submit"}, secret).status_code == 200
    assert Article.objects.get(pk=own["id"]).status == Article.Status.IN_REVIEW
    # Submitted: no longer theirs to edit.
    response = _patch(
        client, f"{ARTICLES}{own['id']}/", {"standfirst": "x"}, secret, HTTP_IF_MATCH='"v2"'
    )
    assert response.status_code == 403
    others = ArticleFactory(draft=True)
    response = _patch(
        client, f"{ARTICLES}{others.pk}/", {"standfirst": "x"}, secret, HTTP_IF_MATCH='"v0"'
    )
    assert response.status_code == 404


def test_a_contributor_cannot_be_given_a_publish_token(client, contributor):
    form = ApiTokenForm(data={"user": contributor.pk, "name": "x", "scope": "publish"})
    assert not form.is_valid() and "scope" in form.errors
    # A publish token stored for a contributor (or for an editor who lost the role) is capped.
    secret = token_for(contributor, scope="publish")
    story = _draft(client, secret).json()
    response = _post(client, f"{ARTICLES}{story['id']}/transitions/", {"action": "publish"}, secret)
    assert response.status_code == 403


def test_tokens_are_made_and_revoked_in_the_admin(client, contributor):
    admin_user = StaffUserFactory(is_superuser=True)
    client.force_login(admin_user)
    data = {"user": contributor.pk, "name": "Wire importer", "scope": "write"}
    response = client.post("/admin/api/apitoken/add/", data, follow=True)
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    secret = re.search(r"nr_[\w-]+", " ".join(shown))[0]
    assert secret.startswith(token.prefix) and token.key_hash != secret
    client.logout()
    assert client.get(ARTICLES, **bearer(secret)).status_code == 200
    token.revoke()
    assert client.get(ARTICLES, **bearer(secret)).status_code == 401


def test_an_editor_publishes_through_the_workflow_checks(client, editor):
    secret = token_for(editor, scope="publish")
    no_byline = _draft(client, secret, authors=[]).json()
    steps = f"{ARTICLES}{no_byline['id']}/transitions/"
    refused = _post(client, steps, {"action": "publish"}, secret)
    assert refused.status_code == 409 and "byline" in refused.json()["detail"]
    story = _draft(client, secret).json()
    steps = f"{ARTICLES}{story['id']}/transitions/"
    published = _post(client, steps, {"action": "publish"}, secret)
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert Transition.objects.filter(article_id=story["id"], action="publish").exists()
    assert client.get(f"{ARTICLES}{story['id']}/").status_code == 200  # public now
    assert _post(client, steps, {"action": "unpublish"}, secret).status_code == 200
    assert client.get(f"{ARTICLES}{story['id']}/").status_code == 404
    at = (timezone.now() + timedelta(days=1)).isoformat()
    _post(client, steps, {"action": "reopen"}, secret)  # not an API action: 400
    scheduled = _post(client, steps, {"action": "schedule", "at": at}, secret)
    assert scheduled.status_code == 200
    assert client.get(f"{ARTICLES}{story['id']}/").status_code == 404  # not yet


def test_a_write_token_of_an_editor_cannot_publish(client, editor):
    secret = token_for(editor, scope="write")
    story = _draft(client, secret).json()
    response = _post(client, f"{ARTICLES}{story['id']}/transitions/", {"action": "publish"}, secret)
    assert response.status_code == 403


def test_writing_without_a_token_is_refused(client):
    response = client.post(ARTICLES, "{}", content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_schedule_time_without_an_offset_is_accepted(client, editor):
    secret = token_for(editor, scope="publish")
    story = _draft(client, secret).json()
    at = (timezone.localtime() + timedelta(days=2)).replace(tzinfo=None).isoformat()
    response = _post(
        client, f"{ARTICLES}{story['id']}/transitions/", {"action": "schedule", "at": at}, secret
    )
    assert response.status_code == 200, response.content
    assert Article.objects.get(pk=story["id"]).is_scheduled


@pytest.mark.parametrize(
    ("role", "may_publish"), [("Contributor", False), ("Editor", True), ("Administrator", True)]
)
def test_each_role_publishes_only_when_it_may(client, role, may_publish):
    user = StaffUserFactory(role=role)
    scope = "publish" if may_publish else "write"
    secret = token_for(user, scope=scope)
    story = _draft(client, secret).json()
    response = _post(client, f"{ARTICLES}{story['id']}/transitions/", {"action": "publish"}, secret)
    assert response.status_code == (200 if may_publish else 403)
    others_draft = ArticleFactory(draft=True)
    seen = client.get(f"{ARTICLES}{others_draft.pk}/", **bearer(secret)).status_code
    assert seen == (200 if may_publish else 404)


def test_draft_pages_are_shown_to_editors_tokens_only(client, editor, contributor):
    from pages.models import Page

    page = Page.objects.create(title="Draft policy", slug="policy")
    url = f"/api/v1/pages/{page.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(url, **bearer(token_for(contributor))).status_code == 404
    assert client.get(url, **bearer(token_for(editor))).status_code == 200


def test_administrators_manage_tokens_and_other_roles_do_not(client, contributor, editor):
    administrator = StaffUserFactory(role="Administrator")
    assert administrator.has_perm("api.add_apitoken")
    assert not editor.has_perm("api.add_apitoken")
    client.force_login(editor)
    assert client.get("/admin/api/apitoken/add/").status_code == 403
    client.force_login(administrator)
    data = {"user": contributor.pk, "name": "Planning tool", "scope": "read"}
    client.post("/admin/api/apitoken/add/", data)
    assert ApiToken.objects.filter(user=contributor, name="Planning tool").exists()
