"""Revisions on every save, readable diffs, one-click restore, and the stale-save refusal."""

import pytest

from articles.models import Article
from editorial import revisions
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, AuthorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor", first_name="Eda", last_name="Desk")


@pytest.fixture
def second_editor():
    return StaffUserFactory(role="Editor", first_name="Noor", last_name="Second")


def save(client, article, **fields):
    article = Article.objects.get(pk=article.pk)
    return client.post(change_url(article), article_post_data(article, **fields))


def test_every_admin_save_stores_a_numbered_revision_with_tags_and_bylines(client, editor):
    article = ArticleFactory(headline="Original", tags=["council"])
    client.force_login(editor)
    save(client, article, headline="First edit")
    save(client, article, headline="Second edit", tags="council, budget")
    article.refresh_from_db()
    history = list(article.revisions.order_by("number"))
    assert [revision.number for revision in history] == [1, 2]
    assert article.version == 2
    assert history[1].data["headline"] == "Second edit"
    assert history[1].data["tags"] == ["budget", "council"]
    assert history[1].data["bylines"] == [
        [byline.author_id, byline.author.name] for byline in article.bylines.all()
    ]
    assert history[1].created_by == editor


def test_diff_shows_word_level_changes_between_any_two_revisions(client, editor):
    article = ArticleFactory(headline="Council votes on budget", body="<p>The vote was close.</p>")
    client.force_login(editor)
    save(client, article)
    save(client, article, headline="Council approves budget", body="<p>The vote was 5 to 4.</p>")
    response = client.get(f"/admin/articles/article/{article.pk}/revisions/?a=1&b=2")
    html = response.content.decode()
    assert "<del>votes on</del>" in html and "<ins>approves</ins>" in html
    assert "<del>close</del><ins>5 to 4</ins>." in html


def test_diff_of_snapshots_names_only_changed_fields():
    old = {"headline": "A", "body": "<p>Same</p>", "tags": ["x"], "bylines": [[1, "Ann"]]}
    new = {"headline": "A", "body": "<p>Same</p>", "tags": ["x", "y"], "bylines": [[2, "Bo"]]}
    changes = revisions.diff(old, new)
    assert [change.label for change in changes] == ["Tags", "Bylines"]
    assert changes[0].chunks == [("equal", "x"), ("insert", ", y")]


def test_revisions_page_survives_bad_query_values(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    for query in ["?a=x&b=y", "?a=999&b=1", "?a=&b="]:
        assert (
            client.get(f"/admin/articles/article/{article.pk}/revisions/{query}").status_code == 200
        )


def test_restore_brings_back_content_tags_and_bylines_as_a_new_revision(client, editor):
    first_author, second_author = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(headline="Good headline", tags=["a"], authors=[first_author])
    client.force_login(editor)
    save(client, article)  # revision 1
    article.refresh_from_db()
    data = article_post_data(article, headline="Bad headline", tags="b")
    data["bylines-0-author"] = second_author.pk
    client.post(change_url(article), data)  # revision 2
    response = client.post(f"/admin/articles/article/{article.pk}/revisions/1/restore/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Good headline"
    assert list(article.tags.names()) == ["a"]
    assert article.byline_authors == [first_author]
    assert article.version == 3
    assert article.revisions.get(number=3).message == "Restored revision 1"
    assert article.revisions.filter(number=2, data__headline="Bad headline").exists()


def test_restore_needs_a_post_and_edit_rights(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    save(client, article)
    restore_url = f"/admin/articles/article/{article.pk}/revisions/1/restore/"
    assert client.get(restore_url).status_code == 405
    contributor = StaffUserFactory(role="Contributor")
    client.force_login(contributor)
    assert client.post(restore_url).status_code == 404


def test_stale_save_is_refused_naming_who_saved_and_keeping_the_text(client, editor, second_editor):
    article = ArticleFactory(headline="Water rates rise", body="<p>Rates rise 4%.</p>")
    client.force_login(editor)
    save(client, article)  # revision 1
    loaded = article_post_data(Article.objects.get(pk=article.pk))  # editor 1 opens the form
    client.force_login(second_editor)
    save(client, article, headline="Water rates rise by 4%")  # editor 2 saves first
    client.force_login(editor)
    stale = {**loaded, "headline": "Water bills go up", "body": "<p>My careful rewrite.</p>"}
    response = client.post(change_url(article), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved: Noor Second saved this article" in html
    assert "What they changed since you opened it" in html
    assert "<ins> by 4%</ins>" in html  # what changed in between
    assert "My careful rewrite." in html  # the refused text is still there to copy
    article.refresh_from_db()
    assert article.headline == "Water rates rise by 4%"
    assert article.version == 2


def test_save_without_the_loaded_version_counts_as_stale(client, editor, second_editor):
    article = ArticleFactory()
    client.force_login(second_editor)
    save(client, article)
    client.force_login(editor)
    data = article_post_data(Article.objects.get(pk=article.pk), headline="No version sent")
    del data["loaded_version"]
    response = client.post(change_url(article), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Not saved" in html
    assert "How the saved text differs from yours" in html


def test_a_workflow_step_also_makes_open_forms_stale(client, editor, second_editor):
    article = ArticleFactory(draft=True)
    loaded = article_post_data(Article.objects.get(pk=article.pk))
    client.force_login(second_editor)
    save(client, article, _transition="publish")
    client.force_login(editor)
    response = client.post(change_url(article), {**loaded, "headline": "Late edit"})
    assert "Not saved" in response.content.decode()
    assert Article.objects.get(pk=article.pk).is_public
