"""Roles × actions: what each group may do, enforced on the server (direct POSTs included)."""

import pytest
from django.contrib.auth.models import Group

from articles.models import Article, HomeSlot, Section
from tests.admin_forms import ADD_URL, article_post_data, change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    StaffUserFactory,
    publish,
)

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def contributor():
    user = StaffUserFactory(role="Contributor", username="connie")
    AuthorFactory(name="Connie Writer", slug="connie", user=user)
    return user


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor", username="eddie")


@pytest.fixture
def administrator():
    return StaffUserFactory(role="Administrator", username="ada")


@pytest.fixture
def users(contributor, editor, administrator):
    return {"contributor": contributor, "editor": editor, "administrator": administrator}


def own_article(contributor, **kwargs) -> Article:
    return ArticleFactory(authors=[contributor.author], **kwargs)


def test_data_migration_creates_the_three_role_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Contributor", "Editor", "Administrator",
    }  # fmt: skip
    assert Group.objects.get(name="Editor").permissions.filter(codename="publish_article")
    assert not Group.objects.get(name="Contributor").permissions.filter(
        codename__in=["publish_article", "edit_any_article", "delete_article"]
    )
    assert Group.objects.get(name="Administrator").permissions.filter(codename="purge_article")


@pytest.mark.parametrize("role", ["contributor", "editor", "administrator"])
def test_every_role_can_open_the_article_list_and_add_page(client, users, role):
    client.force_login(users[role])
    assert client.get("/admin/articles/article/").status_code == 200
    assert client.get(ADD_URL).status_code == 200


def test_contributor_creates_a_draft_that_is_theirs(client, contributor):
    section = SectionFactory()
    client.force_login(contributor)
    response = client.post(
        ADD_URL,
        article_post_data(section=section, authors=[contributor.author], headline="My first"),
    )
    assert response.status_code == 302
    article = Article.objects.get(headline="My first")
    assert article.status == Status.DRAFT
    assert article.created_by == contributor
    assert article.revisions.count() == 1


def test_contributor_cannot_set_status_or_dates_by_posting_them(client, contributor):
    section = SectionFactory()
    client.force_login(contributor)
    data = article_post_data(section=section, authors=[contributor.author], headline="Sneaky")
    data.update(
        status="published", published_at_0="2020-01-01", published_at_1="10:00:00",
        unpublish_at_0="2030-01-01", unpublish_at_1="10:00:00",
    )  # fmt: skip
    client.post(ADD_URL, data)
    article = Article.objects.get(headline="Sneaky")
    assert article.status == Status.DRAFT
    assert article.published_at is None and article.unpublish_at is None
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_contributor_only_sees_their_own_articles(client, contributor):
    mine = own_article(contributor, draft=True, headline="Mine to write")
    ArticleFactory(draft=True, headline="Someone else's draft")
    client.force_login(contributor)
    html = client.get("/admin/articles/article/").content.decode()
    assert "Mine to write" in html and "Someone else" not in html
    assert client.get(change_url(mine)).status_code == 200


def test_contributor_cannot_open_or_post_to_someone_elses_article(client, contributor):
    other = ArticleFactory(draft=True, headline="Not yours")
    client.force_login(contributor)
    assert client.get(change_url(other)).status_code == 302  # admin: "doesn't exist"
    client.post(change_url(other), article_post_data(other, headline="Hijacked"))
    other.refresh_from_db()
    assert other.headline == "Not yours"


def test_contributor_cannot_edit_their_article_once_submitted(client, contributor):
    article = own_article(contributor, draft=True, headline="Submitted piece")
    article.status = Status.IN_REVIEW
    article.save()
    client.force_login(contributor)
    page = client.get(change_url(article))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(change_url(article), article_post_data(article, headline="Changed"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Submitted piece"


def test_editor_edits_anyones_article(client, editor):
    article = ArticleFactory(draft=True, headline="Freelance copy")
    client.force_login(editor)
    response = client.post(change_url(article), article_post_data(article, headline="Edited copy"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Edited copy" and article.last_edited_by == editor


TRANSITION_MATRIX = [
    # role, action, starting status, allowed
    ("contributor", "submit", Status.DRAFT, True),
    ("contributor", "approve", Status.IN_REVIEW, False),
    ("contributor", "return_to_draft", Status.IN_REVIEW, False),
    ("contributor", "publish", Status.READY, False),
    ("contributor", "publish", Status.DRAFT, False),
    ("contributor", "schedule", Status.DRAFT, False),
    ("contributor", "unpublish", Status.PUBLISHED, False),
    ("editor", "submit", Status.DRAFT, True),
    ("editor", "approve", Status.IN_REVIEW, True),
    ("editor", "return_to_draft", Status.IN_REVIEW, True),
    ("editor", "publish", Status.READY, True),
    ("editor", "schedule", Status.READY, True),
    ("editor", "unpublish", Status.PUBLISHED, True),
    ("editor", "reopen", Status.UNPUBLISHED, True),
    ("editor", "approve", Status.DRAFT, False),  # not a step from draft
    ("editor", "unpublish", Status.DRAFT, False),
    ("editor", "teleport", Status.DRAFT, False),  # not a step at all
    ("administrator", "publish", Status.IN_REVIEW, True),
    ("administrator", "unpublish", Status.PUBLISHED, True),
]


@pytest.mark.parametrize(("role", "action", "start", "allowed"), TRANSITION_MATRIX)
def test_transition_posted_directly_follows_the_role_rules(
    client, users, contributor, role, action, start, allowed
):
    """The POST carries `_transition` as a button would, whether or not the page showed it."""
    article = own_article(contributor, draft=True, headline="Matrix story")
    if start == Status.PUBLISHED:
        publish(article)
    else:
        Article.objects.filter(pk=article.pk).update(status=start)
    article.refresh_from_db()
    client.force_login(users[role])
    data = article_post_data(article, _transition=action)
    if action == "schedule":
        data["published_at_0"], data["published_at_1"] = "2099-01-01", "09:00:00"
    client.post(change_url(article), data)
    after = Article.objects.get(pk=article.pk)
    if allowed:
        assert after.status != start or after.is_scheduled
        assert after.transitions.filter(action=action, by=users[role]).exists()
    else:
        assert after.status == start
        assert not after.transitions.filter(action=action).exists()
        if start != Status.PUBLISHED:
            assert not Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize(
    ("role", "buttons", "absent"),
    [
        ("contributor", ["Submit for review"], ["Publish now", "Schedule"]),
        ("editor", ["Submit for review", "Publish now", "Schedule"], ["Unpublish"]),
    ],
)
def test_edit_page_shows_only_the_steps_the_role_may_take(
    client, users, contributor, role, buttons, absent
):
    article = own_article(contributor, draft=True)
    client.force_login(users[role])
    html = client.get(change_url(article)).content.decode()
    for label in buttons:
        assert f">{label}</button>" in html
    for label in absent:
        assert f">{label}</button>" not in html


def test_bulk_publish_is_not_offered_to_contributors_even_when_posted(client, contributor):
    article = own_article(contributor, draft=True)
    client.force_login(contributor)
    client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_bulk_publish_by_an_editor_publishes_what_passes_the_checks(client, editor):
    good = ArticleFactory(draft=True)
    no_byline = ArticleFactory(draft=True, authors=[])
    client.force_login(editor)
    client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [good.pk, no_byline.pk]},
    )
    assert Article.objects.published().filter(pk=good.pk).exists()
    assert not Article.objects.published().filter(pk=no_byline.pk).exists()


@pytest.mark.parametrize(
    ("role", "status"), [("contributor", 403), ("editor", 403), ("administrator", 200)]
)
@pytest.mark.parametrize(
    "url", ["/admin/articles/section/add/", "/admin/authors/author/add/", "/admin/auth/user/add/"]
)
def test_only_administrators_manage_sections_authors_and_users(client, users, role, status, url):
    client.force_login(users[role])
    assert client.get(url).status_code == status


def test_contributor_cannot_create_a_section_by_posting(client, contributor):
    client.force_login(contributor)
    response = client.post("/admin/articles/section/add/", {"name": "Rogue", "slug": "rogue"})
    assert response.status_code == 403
    assert not Section.objects.filter(slug="rogue").exists()


@pytest.mark.parametrize(
    ("role", "status"), [("contributor", 403), ("editor", 200), ("administrator", 200)]
)
def test_home_curation_is_for_editors(client, users, role, status):
    client.force_login(users[role])
    assert client.get("/admin/articles/homeslot/").status_code == status


def test_contributor_cannot_curate_the_home_page_by_posting(client, contributor):
    article = ArticleFactory()
    client.force_login(contributor)
    client.post("/admin/articles/homeslot/add/", {"article": article.pk, "position": 0})
    assert not HomeSlot.objects.exists()


def test_a_new_article_without_bylines_gets_its_writers_byline(client, contributor):
    client.force_login(contributor)
    client.post(ADD_URL, article_post_data(section=SectionFactory(), headline="Bylined for me"))
    article = Article.objects.get(headline="Bylined for me")
    assert article.byline_authors == [contributor.author]
