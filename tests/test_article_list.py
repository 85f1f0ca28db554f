"""The article list and the workflow buttons: order, badges, quick filters, the newsroom's time
zone, confirmations naming the consequence, and refusals naming the role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from editorial import trash, workflow
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, AuthorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
LIST = "/admin/articles/article/"


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor")


@pytest.fixture
def contributor():
    user = StaffUserFactory(role="Contributor")
    AuthorFactory(name="Connie Writer", slug="connie", user=user)
    return user


def listed(client, query=""):
    return list(client.get(LIST + query).context["cl"].result_list)


def test_newest_work_comes_first_new_drafts_included(client, editor):
    old = ArticleFactory(headline="Old published")
    draft = ArticleFactory(headline="Fresh draft", draft=True)
    Article.objects.filter(pk=old.pk).update(modified_at=timezone.now() - timedelta(days=3))
    client.force_login(editor)
    assert listed(client)[:2] == [draft, Article.objects.get(pk=old.pk)]


def test_status_is_a_coloured_badge_with_words(client, editor):
    ArticleFactory(headline="Queued", scheduled=True)
    ArticleFactory(headline="Waiting", status="in_review")
    client.force_login(editor)
    html = client.get(LIST).content.decode()
    assert '<span class="status-badge status-badge--scheduled">Scheduled</span>' in html
    assert '<span class="status-badge status-badge--in-review">In review</span>' in html
    assert "editorial/article-form.css" in html


@pytest.mark.parametrize("zone, abbreviation", [("Europe/Berlin", "CET"), ("UTC", "UTC")])
def test_times_show_in_the_newsroom_zone_with_its_abbreviation(
    client, editor, settings, zone, abbreviation
):
    settings.TIME_ZONE = zone
    moment = timezone.make_aware(timezone.datetime(2026, 1, 15, 9, 30), timezone.UTC)
    ArticleFactory(published_at=moment)
    client.force_login(editor)
    local = timezone.localtime(moment, timezone.get_default_timezone())
    assert f"15 Jan 2026, {local:%H:%M} {abbreviation}" in client.get(LIST).content.decode()


def test_quick_filters_mine_in_review_scheduled_published_today(
    client, contributor, editor, time_machine
):
    # At noon: just after midnight, "a minute ago" would be yesterday.
    time_machine.move_to(timezone.localtime().replace(hour=12, minute=0))
    mine = ArticleFactory(authors=[contributor.author], draft=True)
    review = ArticleFactory(status="in_review")
    queued = ArticleFactory(scheduled=True)
    today = ArticleFactory(published_at=timezone.now() - timedelta(minutes=1))
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    client.force_login(editor)
    assert listed(client, "?show=mine") == []
    assert listed(client, "?show=in_review") == [review]
    assert listed(client, "?show=scheduled") == [queued]
    assert listed(client, "?show=today") == [today]
    client.force_login(contributor)
    assert listed(client, "?show=mine") == [mine]
    assert client.get(LIST + "?show=nonsense").status_code == 200


def test_unpublish_restore_and_purge_ask_first_naming_the_consequence(client, editor):
    public = ArticleFactory(headline="On the site")
    client.force_login(editor)
    asked = client.post(LIST, {"action": "unpublish_selected", "_selected_action": [public.pk]})
    assert asked.status_code == 200
    assert "leave the public site" in asked.content.decode()
    assert Article.objects.get(pk=public.pk).is_public
    client.post(
        LIST, {"action": "unpublish_selected", "_selected_action": [public.pk], "post": "yes"}
    )
    assert Article.objects.get(pk=public.pk).status == Article.Status.UNPUBLISHED

    binned = ArticleFactory(headline="Binned")
    trash.move_to_trash(binned, editor)
    data = {"action": "restore_selected", "_selected_action": [binned.pk]}
    asked = client.post(LIST + "?state=trash", data)
    assert "is public again at once" in asked.content.decode()
    assert Article.objects.get(pk=binned.pk).trashed_at is not None

    admin_user = StaffUserFactory(role="Administrator")
    client.force_login(admin_user)
    data = {"action": "purge_selected", "_selected_action": [binned.pk]}
    asked = client.post(LIST + "?state=trash", data)
    assert "deleted for good" in asked.content.decode() and "cannot be undone" in (
        asked.content.decode()
    )
    assert Article.objects.filter(pk=binned.pk).exists()
    client.post(LIST + "?state=trash", {**data, "post": "yes"})
    assert not Article.objects.filter(pk=binned.pk).exists()


def test_unpublish_button_asks_in_the_page_and_the_next_step_stands_out(client, editor):
    article = ArticleFactory(headline="Live story")
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert 'value="unpublish" data-confirm="Unpublish “Live story”? It leaves the public' in html
    assert "workflow-button--danger" in html
    review = ArticleFactory(status="in_review")
    buttons = workflow.buttons(review, editor)
    assert buttons[0].action == "approve" and buttons[0].rank == "primary"
    assert [b.rank for b in buttons].count("primary") == 1


def test_contributor_is_told_the_role_not_the_status(client, contributor):
    own = ArticleFactory(authors=[contributor.author], draft=True)
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.apply(own, "publish", contributor)
    assert str(refused.value) == "Contributors cannot publish; submit it for review."
    client.force_login(contributor)
    response = client.post(
        change_url(own),
        {**article_post_data(own), "_transition": "publish"},
        follow=True,
    )
    assert "Contributors cannot publish; submit it for review." in response.content.decode()
    assert Article.objects.get(pk=own.pk).status == Article.Status.DRAFT
    buttons = workflow.buttons(own, contributor)
    assert [(b.action, b.rank) for b in buttons] == [("submit", "primary")]
