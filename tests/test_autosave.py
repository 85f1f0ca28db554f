"""Autosave: a per-user, per-article draft slot on the server; the restore offer with a diff;
a real save discards it. Nothing readers or the revision history see changes."""

import pytest

from articles.models import Article, Revision
from editorial import autosave
from editorial.models import Draft
from tests.admin_forms import ADD_URL, article_post_data, change_url
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor", first_name="Eda", last_name="Desk")


@pytest.fixture
def contributor():
    user = StaffUserFactory(role="Contributor")
    AuthorFactory(name="Connie Writer", slug="connie", user=user)
    return user


def autosave_url(article=None) -> str:
    prefix = f"/admin/articles/article/{article.pk}" if article else "/admin/articles/article"
    return f"{prefix}/autosave/"


def test_autosave_keeps_a_draft_and_changes_nothing_else(client, editor):
    article = ArticleFactory(headline="Ferry returns", body="<p>Old text.</p>")
    version, revisions = article.version, Revision.objects.count()
    client.force_login(editor)
    data = article_post_data(article, headline="Ferry returns on Monday", body="<p>New.</p>")
    response = client.post(autosave_url(article), data)
    assert response.status_code == 200
    assert response.json()["time"]
    draft = Draft.objects.get(user=editor, article=article)
    assert draft.data["headline"] == "Ferry returns on Monday"
    assert "bylines-TOTAL_FORMS" not in draft.data  # the article's own fields only
    assert draft.loaded_version == article.version
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Ferry returns", version)
    assert Revision.objects.count() == revisions
    # A second autosave fills the same slot.
    client.post(autosave_url(article), {**data, "headline": "Third try"})
    assert Draft.objects.get(user=editor, article=article).data["headline"] == "Third try"


def test_reopening_offers_the_draft_with_a_diff_and_restores_it(client, editor):
    article = ArticleFactory(headline="Ferry returns", standfirst="Soon.")
    client.force_login(editor)
    client.post(
        autosave_url(article), article_post_data(article, headline="Ferry returns on Monday")
    )
    page = client.get(change_url(article)).content.decode()
    assert "Restore your unsaved changes from" in page
    assert "<ins>on Monday</ins>" in page.replace("<ins> ", "<ins>").replace(" on", "on", 0)
    restored = client.get(change_url(article) + "?restore=draft").content.decode()
    assert 'value="Ferry returns on Monday"' in restored
    assert "Restored your autosaved changes" in restored
    assert "Restore your unsaved changes from" not in restored


def test_a_restored_draft_still_meets_the_stale_save_guard(client, editor):
    article = ArticleFactory(headline="Ferry returns")
    client.force_login(editor)
    client.post(autosave_url(article), article_post_data(article, headline="Mine"))
    other = StaffUserFactory(role="Editor", first_name="Noor", last_name="Second")
    client.force_login(other)
    client.post(change_url(article), article_post_data(article, headline="Theirs"))
    client.force_login(editor)
    restored = client.get(change_url(article) + "?restore=draft").content.decode()
    assert f'name="loaded_version" value="{article.version}"' in restored  # the draft's base


def test_saving_discards_the_draft_and_an_identical_draft_is_not_offered(client, editor):
    article = ArticleFactory(headline="Ferry returns")
    client.force_login(editor)
    client.post(autosave_url(article), article_post_data(article, headline="Ferry is back"))
    response = client.post(change_url(article), article_post_data(article, headline="Ferry back"))
    assert response.status_code == 302
    assert not Draft.objects.filter(user=editor).exists()
    client.post(autosave_url(article), article_post_data(Article.objects.get(pk=article.pk)))
    page = client.get(change_url(article)).content.decode()
    assert "Restore your unsaved changes" not in page
    assert not Draft.objects.filter(user=editor).exists()


def test_a_new_article_is_autosaved_before_its_first_save(client, contributor):
    section = SectionFactory()
    client.force_login(contributor)
    data = article_post_data(section=section, headline="Half-written story", body="<p>Hi</p>")
    assert client.post(autosave_url(), data).status_code == 200
    draft = Draft.objects.get(user=contributor, article=None)
    assert draft.data["headline"] == "Half-written story"
    page = client.get(ADD_URL).content.decode()
    assert "Restore your unsaved changes from" in page
    restored = client.get(ADD_URL + "?restore=draft").content.decode()
    assert 'value="Half-written story"' in restored
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    assert not Draft.objects.filter(user=contributor).exists()


def test_drafts_are_per_user(client, editor):
    article = ArticleFactory(headline="Ferry returns")
    client.force_login(editor)
    client.post(autosave_url(article), article_post_data(article, headline="Eda's version"))
    client.force_login(StaffUserFactory(role="Editor"))
    assert "Restore your unsaved changes" not in client.get(change_url(article)).content.decode()


def test_who_may_autosave(client, contributor, editor):
    own = ArticleFactory(authors=[contributor.author], draft=True)
    theirs = ArticleFactory()
    submitted = ArticleFactory(authors=[contributor.author], status=Article.Status.IN_REVIEW)
    client.force_login(contributor)
    assert client.post(autosave_url(own), article_post_data(own)).status_code == 200
    assert client.post(autosave_url(theirs), article_post_data(theirs)).status_code == 404
    assert client.post(autosave_url(submitted), article_post_data(submitted)).status_code == 403
    assert client.get(autosave_url(own)).status_code == 405
    client.logout()
    assert client.post(autosave_url(own), article_post_data(own)).status_code == 302  # sign in
    assert Draft.objects.filter(article__in=[theirs, submitted]).count() == 0


def test_an_oversized_field_is_refused_with_400(client, editor, monkeypatch):
    monkeypatch.setattr(autosave, "MAX_VALUE_LENGTH", 20)
    article = ArticleFactory()
    client.force_login(editor)
    response = client.post(autosave_url(article), article_post_data(article, body="x" * 21))
    assert response.status_code == 400
    assert "cannot be autosaved" in response.json()["error"]
    assert not Draft.objects.exists()
