"""Scheduling and expiry with a frozen clock: articles come and go by themselves."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from articles.models import Article
from editorial import workflow
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


@pytest.fixture
def editor():
    return StaffUserFactory(role="Editor")


def test_scheduled_article_appears_by_itself_at_its_time(client, editor):
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(draft=True, headline="Embargoed results")
        workflow.apply(article, "schedule", editor, at=NOON + timedelta(hours=2))
        assert article.editorial_status == "Scheduled"
        assert "Embargoed results" not in client.get("/").content.decode()
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(NOON + timedelta(hours=2, seconds=1), tick=False):
        assert "Embargoed results" in client.get("/").content.decode()
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Embargoed results" in client.get("/feed/").content.decode()


def test_expired_article_leaves_every_public_page_by_itself(client):
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(
            headline="Limited offer story", tags=["offer"], unpublish_at=NOON + timedelta(hours=1)
        )
        section_url = article.section.get_absolute_url()
        assert "Limited offer story" in client.get(section_url).content.decode()
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        article.refresh_from_db()
        assert article.editorial_status == "Expired"
        assert not article.is_public
        for url in ["/", section_url, "/tags/offer/", "/feed/", "/sitemap.xml"]:
            assert "Limited offer story" not in client.get(url).content.decode(), url
            assert article.get_absolute_url() not in client.get(url).content.decode(), url
        assert client.get(article.get_absolute_url()).status_code == 404


def test_published_queryset_is_the_single_rule_for_expiry_and_trash():
    now = NOON
    live = ArticleFactory(published_at=now - timedelta(hours=1))
    ArticleFactory(published_at=now - timedelta(hours=1), unpublish_at=now)
    ArticleFactory(published_at=now - timedelta(hours=1), trashed_at=now)
    ArticleFactory(published_at=now + timedelta(minutes=1))
    still_live = ArticleFactory(
        published_at=now - timedelta(hours=1), unpublish_at=now + timedelta(minutes=1)
    )
    assert set(Article.objects.published(at=now)) == {live, still_live}


def test_scheduling_needs_a_future_time(editor):
    article = ArticleFactory(draft=True)
    with pytest.raises(workflow.TransitionRefused, match="in the future"):
        workflow.apply(article, "schedule", editor, at=None)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publish_now_on_a_scheduled_article_brings_it_forward(editor):
    article = ArticleFactory(scheduled=True)
    workflow.apply(article, "publish", editor)
    assert article.is_public


def test_schedule_button_uses_the_time_in_the_form(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)
    data = article_post_data(article, _transition="schedule")
    data["published_at_0"], data["published_at_1"] = "2099-05-01", "06:30:00"
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.published_at == datetime(2099, 5, 1, 6, 30, tzinfo=UTC)


def test_upcoming_list_orders_what_goes_live_or_expires_next(client, editor):
    with time_machine.travel(NOON, tick=False):
        ArticleFactory(headline="Later launch", published_at=NOON + timedelta(days=2))
        ArticleFactory(headline="Sooner launch", published_at=NOON + timedelta(hours=3))
        ArticleFactory(headline="Expiring piece", unpublish_at=NOON + timedelta(days=1))
        ArticleFactory(headline="Ordinary story")
        client.force_login(editor)
        html = client.get("/admin/articles/article/upcoming/").content.decode()
    assert html.index("Sooner launch") < html.index("Expiring piece") < html.index("Later launch")
    assert "Ordinary story" not in html


def test_upcoming_list_needs_a_staff_login(client, db):
    response = client.get("/admin/articles/article/upcoming/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_status_filter_finds_scheduled_and_expired(client, editor):
    ArticleFactory(headline="Future piece", scheduled=True)
    ArticleFactory(headline="Gone piece", unpublish_at=datetime(2000, 1, 1, tzinfo=UTC))
    ArticleFactory(headline="Live piece")
    client.force_login(editor)
    scheduled = client.get("/admin/articles/article/?state=scheduled").content.decode()
    expired = client.get("/admin/articles/article/?state=expired").content.decode()
    assert "Future piece" in scheduled and "Live piece" not in scheduled
    assert "Gone piece" in expired and "Live piece" not in expired
