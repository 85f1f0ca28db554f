"""The live desk per role: who may post, publish, correct and delete entries (direct POSTs too)."""

import pytest
from django.contrib.auth.models import Group

from liveblog.models import Entry, LiveBlog
from tests.factories import ArticleFactory, AuthorFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor():
    user = StaffUserFactory(role="Contributor", username="connie")
    AuthorFactory(name="Connie Writer", slug="connie", user=user)
    return user


@pytest.fixture
def editor():
    user = StaffUserFactory(role="Editor", username="eddie")
    AuthorFactory(name="Eddie Desk", slug="eddie", user=user)
    return user


@pytest.fixture
def administrator():
    return StaffUserFactory(role="Administrator", username="ada")


@pytest.fixture
def blog(article):
    return LiveBlog.objects.create(article=article)


def desk(blog: LiveBlog) -> str:
    return f"/admin/liveblog/liveblog/{blog.pk}/desk/"


def entry_by(user, blog: LiveBlog, published: bool) -> Entry:
    entry = Entry.objects.create(live_blog=blog, body="<p>Text of the entry.</p>", created_by=user)
    if published:
        entry.publish()
    return entry


def test_roles_get_their_live_blog_permissions():
    editor = Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    contributor = Group.objects.get(name="Contributor").permissions.values_list(
        "codename", flat=True
    )
    assert {"add_entry", "publish_entry", "edit_any_entry", "change_liveblog"} <= set(editor)
    assert "add_entry" in contributor
    assert not {"publish_entry", "edit_any_entry", "add_liveblog"} & set(contributor)


@pytest.mark.parametrize("role", ["editor", "administrator"])
def test_editors_post_updates_that_go_live_at_once(client, blog, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        desk(blog), {"body": "<p>The river has crested.</p>", "publish_now": "1"}
    )
    assert response.status_code == 302 and response["Location"] == desk(blog)
    entry = Entry.objects.get()
    assert entry.published and entry.number == 1
    assert "The river has crested." in client.get(blog.article.get_absolute_url()).content.decode()


def test_editor_can_save_a_draft_by_unticking_publish(client, blog, editor):
    client.force_login(editor)
    client.post(desk(blog), {"body": "<p>Not yet.</p>"})
    assert not Entry.objects.get().published


def test_editor_entry_carries_their_byline(client, blog, editor):
    client.force_login(editor)
    client.post(desk(blog), {"body": "<p>Signed.</p>", "publish_now": "1"})
    assert Entry.objects.get().author.name == "Eddie Desk"


def test_contributor_posts_drafts_even_when_asking_to_publish(client, blog, contributor):
    client.force_login(contributor)
    response = client.post(
        desk(blog), {"body": "<p>From the scene.</p>", "publish_now": "1", "pinned": "on"}
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert not entry.published and entry.number is None and not entry.pinned
    assert entry.author.name == "Connie Writer"
    assert "From the scene." not in client.get(blog.article.get_absolute_url()).content.decode()


def test_contributor_cannot_publish_by_direct_post(client, blog, contributor):
    entry = entry_by(contributor, blog, published=False)
    client.force_login(contributor)
    response = client.post(f"/admin/liveblog/liveblog/{blog.pk}/entries/{entry.pk}/publish/")
    assert response.status_code == 403
    entry.refresh_from_db()
    assert not entry.published


def test_editor_publishes_a_contributors_draft(client, blog, contributor, editor):
    entry = entry_by(contributor, blog, published=False)
    client.force_login(editor)
    page = client.get(desk(blog)).content.decode()
    assert f"/entries/{entry.pk}/publish/" in page
    client.post(f"/admin/liveblog/liveblog/{blog.pk}/entries/{entry.pk}/publish/")
    entry.refresh_from_db()
    assert entry.published and entry.number == 1


def test_contributor_corrects_and_deletes_only_own_drafts(client, blog, contributor, editor):
    own_draft = entry_by(contributor, blog, published=False)
    own_published = entry_by(contributor, blog, published=True)
    others = entry_by(editor, blog, published=True)
    client.force_login(contributor)
    change = "/admin/liveblog/entry/{}/change/"
    delete = "/admin/liveblog/entry/{}/delete/"
    assert client.get(change.format(own_draft.pk)).status_code == 200
    for entry in (own_published, others):
        response = client.post(change.format(entry.pk), {"body": "<p>Changed by hand.</p>"})
        assert response.status_code in (302, 403)
        entry.refresh_from_db()
        assert "Changed by hand" not in entry.body
        client.post(delete.format(entry.pk), {"post": "yes"})
        assert Entry.objects.filter(pk=entry.pk).exists()
    client.post(delete.format(own_draft.pk), {"post": "yes"})
    assert not Entry.objects.filter(pk=own_draft.pk).exists()


def test_editor_correction_shows_an_updated_time(client, blog, editor):
    entry = entry_by(editor, blog, published=True)
    client.force_login(editor)
    response = client.post(
        f"/admin/liveblog/entry/{entry.pk}/change/", {"body": "<p>Corrected figure: 14.</p>"}
    )
    assert response.status_code == 302 and response["Location"] == desk(blog)
    entry.refresh_from_db()
    assert entry.corrected_at is not None and "Corrected figure" in entry.body
    client.logout()
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert "Corrected figure: 14." in html and "Updated <time" in html


def test_editor_deletes_an_entry_and_returns_to_the_desk(client, blog, editor, contributor):
    entry = entry_by(contributor, blog, published=True)
    client.force_login(editor)
    response = client.post(f"/admin/liveblog/entry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and response["Location"] == desk(blog)
    assert not Entry.objects.exists()


def test_empty_update_is_a_form_error(client, blog, editor):
    client.force_login(editor)
    response = client.post(desk(blog), {"body": "<p> </p><script>x</script>", "publish_now": "1"})
    assert response.status_code == 200
    assert "it has no text" in response.content.decode()
    assert not Entry.objects.exists()


def test_bad_image_id_is_a_form_error(client, blog, editor):
    client.force_login(editor)
    for bad in ("abc", "99999999999999999999", "424242"):
        response = client.post(desk(blog), {"body": "<p>Text.</p>", "image": bad})
        assert response.status_code == 200, bad
    assert not Entry.objects.exists()


def test_desk_of_unknown_blog_is_404(client, editor):
    client.force_login(editor)
    assert client.get("/admin/liveblog/liveblog/999999/desk/").status_code == 404


def test_staff_without_a_role_and_anonymous_users_cannot_post(client, blog):
    client.post(desk(blog), {"body": "<p>Anonymous.</p>"})
    client.force_login(UserFactory(is_staff=True))
    assert client.post(desk(blog), {"body": "<p>No role.</p>"}).status_code == 403
    assert not Entry.objects.exists()


def test_article_admin_links_to_the_desk_in_one_step(client, blog, editor, section):
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{blog.pk}/change/").content.decode()
    assert f'href="{desk(blog)}"' in html
    plain = ArticleFactory(section=section)
    html = client.get(f"/admin/articles/article/{plain.pk}/change/").content.decode()
    assert f"/admin/liveblog/liveblog/add/?article={plain.pk}" in html


def test_editor_starts_a_live_blog_and_lands_on_the_desk(client, editor, section):
    article = ArticleFactory(section=section)
    client.force_login(editor)
    response = client.post(
        "/admin/liveblog/liveblog/add/",
        {
            "article": article.pk,
            "state": "live",
            "key_points": "One\nTwo",
            "coverage_start_0": "2026-12-01",
            "coverage_start_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"/admin/liveblog/liveblog/{article.pk}/desk/"


def test_contributor_cannot_start_or_end_a_live_blog(client, blog, contributor, section):
    client.force_login(contributor)
    article = ArticleFactory(section=section)
    assert client.get(f"/admin/liveblog/liveblog/add/?article={article.pk}").status_code == 403
    client.post(f"/admin/liveblog/liveblog/{blog.pk}/change/", {"state": "ended"})
    blog.refresh_from_db()
    assert blog.state == "live"


def test_desk_query_count_is_flat(client, blog, editor, contributor, django_assert_max_num_queries):
    client.force_login(editor)
    for n in range(3):
        entry_by(contributor, blog, published=n % 2 == 0)
    with django_assert_max_num_queries(20) as small:
        client.get(desk(blog))
    for n in range(30):
        entry_by(contributor, blog, published=n % 2 == 0)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(desk(blog))


def test_contributor_cannot_open_the_desk_of_someone_elses_draft(client, contributor, section):
    draft = ArticleFactory(section=section, draft=True)
    blog = LiveBlog.objects.create(article=draft)
    client.force_login(contributor)
    assert client.get(desk(blog)).status_code == 404
    assert client.post(desk(blog), {"body": "<p>Sneaky.</p>"}).status_code == 404


def test_contributor_entry_list_hides_updates_of_stories_they_may_not_see(
    client, contributor, editor, section
):
    draft = ArticleFactory(section=section, draft=True)
    hidden = LiveBlog.objects.create(article=draft)
    Entry.objects.create(live_blog=hidden, body="<p>Prepared in secret.</p>").publish()
    client.force_login(contributor)
    assert "Prepared in secret" not in client.get("/admin/liveblog/entry/").content.decode()
    client.force_login(editor)
    assert "Prepared in secret" in client.get("/admin/liveblog/entry/").content.decode()
