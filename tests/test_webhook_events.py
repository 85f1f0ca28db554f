"""Webhook events: one per change of what the public site shows, none about drafts.

Deliveries are sent by a stand-in here (tests/test_webhook_delivery.py sends them for real), so
these tests read the `Delivery` rows: which event, and the body exactly as it would be signed.
"""

import json
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from editorial import trash, workflow
from pages.models import Page
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, CorrectionFactory, StaffUserFactory
from tests.test_jobs_queue import work
from webhooks.models import Delivery, Event, Subscription
from webhooks.sending import Outcome

pytestmark = pytest.mark.django_db
sent: list[tuple[str, bytes, dict]] = []


@pytest.fixture(autouse=True)
def stand_in_receiver(monkeypatch, settings):
    settings.SITE_URL = "https://news.example.com"
    sent.clear()

    def post(url: str, body: bytes, headers: dict) -> Outcome:
        sent.append((url, body, headers))
        return Outcome(True, 204, 3)

    monkeypatch.setattr("webhooks.sending.post", post)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def subscription():
    return Subscription.objects.create(
        name="Partner app", target_url="https://hooks.example.org/in", events=list(Event.values)
    )


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as the end of a request's transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def events() -> list[str]:
    return list(Delivery.objects.order_by("id").values_list("event", flat=True))


def payloads() -> list[dict]:
    return [
        json.loads(body) for body in Delivery.objects.order_by("id").values_list("body", flat=True)
    ]


def test_publishing_through_the_workflow_announces_the_public_article(subscription, commits):
    story = ArticleFactory(draft=True, headline="Bridge reopens after repairs")
    with commits():
        workflow.apply(story, "publish", StaffUserFactory(role="Editor"))
    assert events() == [Event.ARTICLE_PUBLISHED]
    [payload] = payloads()
    assert payload["event"] == "article.published" and payload["id"] and payload["occurred_at"]
    data = payload["data"]
    assert data["type"] == "article" and data["id"] == story.pk
    assert data["headline"] == "Bridge reopens after repairs"
    assert data["url"] == "https://news.example.com" + story.get_absolute_url()
    assert data["section"]["id"] == story.section_id and data["published_at"]
    assert "body" not in data  # small: readers' URL, not the story
    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED
    [(url, body, headers)] = sent
    assert url == subscription.target_url and headers["Newsroom-Event"] == "article.published"
    assert body == Delivery.objects.get().body.encode()


def test_drafts_reviews_and_schedules_send_nothing(subscription, commits):
    editor = StaffUserFactory(role="Editor")
    with commits():
        draft = ArticleFactory(draft=True)
        draft.headline = "A new working headline"
        draft.save()
        workflow.apply(draft, "submit", editor)
        workflow.apply(draft, "approve", editor)
        workflow.apply(draft, "schedule", editor, at=timezone.now() + timedelta(days=2))
        CorrectionFactory(article=ArticleFactory(draft=True))
        Page.objects.create(title="Draft policy", slug="draft-policy")
        ArticleFactory(draft=True).delete()
    assert events() == [] and sent == []


def test_an_edit_of_a_published_article_is_an_update(subscription, commits, client):
    story = ArticleFactory()
    client.force_login(StaffUserFactory(role="Editor"))
    with commits():
        response = client.post(change_url(story), article_post_data(story, headline="New facts"))
    assert response.status_code == 302
    assert events() == [Event.ARTICLE_UPDATED]
    assert payloads()[0]["data"]["headline"] == "New facts"


def test_a_correction_added_in_the_admin_is_one_event(subscription, commits, client):
    # Whole seconds, as the workflow stores them and the admin's time field shows them.
    story = ArticleFactory(published_at=timezone.now().replace(microsecond=0) - timedelta(hours=1))
    client.force_login(StaffUserFactory(role="Editor"))
    data = article_post_data(story)
    data.update(
        {
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-kind": "correction",
            "corrections-0-text": "The meeting was on Tuesday, not Monday.",
            "corrections-0-noted_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "corrections-0-noted_at_1": timezone.localtime().strftime("%H:%M:%S"),
        }
    )
    with commits():
        response = client.post(change_url(story), data)
    assert response.status_code == 302
    assert events() == [Event.ARTICLE_CORRECTED]  # its "updated" date alone is no update
    assert payloads()[0]["data"]["updated_at"]  # the correction marked the story updated


def test_a_save_that_changes_nothing_public_is_no_update(subscription, commits):
    story = ArticleFactory()
    with commits():
        story.version += 1
        story.save()
    assert events() == []


def test_unpublishing_names_only_the_former_url(subscription, commits):
    story = ArticleFactory(headline="Withdrawn story")
    url = story.get_absolute_url()
    with commits():
        workflow.apply(story, "unpublish", StaffUserFactory(role="Editor"))
    assert events() == [Event.ARTICLE_UNPUBLISHED]
    data = payloads()[0]["data"]
    assert data == {"type": "article", "id": story.pk, "url": "https://news.example.com" + url}


def test_trash_and_delete_of_a_public_article_are_deletions(subscription, commits):
    trashed, deleted = ArticleFactory(), ArticleFactory()
    with commits():
        trash.move_to_trash(trashed, StaffUserFactory(role="Editor"))
        deleted_id = deleted.pk
        deleted.delete()
    assert events() == [Event.ARTICLE_DELETED, Event.ARTICLE_DELETED]
    assert [p["data"]["id"] for p in payloads()] == [trashed.pk, deleted_id]


def test_a_correction_on_a_public_article_is_announced_with_it(subscription, commits):
    story = ArticleFactory()
    with commits():
        CorrectionFactory(article=story, text="The bridge is 40 m long, not 400 m.")
    assert events() == [Event.ARTICLE_CORRECTED]
    data = payloads()[0]["data"]
    assert data["id"] == story.pk and data["correction"]["text"].startswith("The bridge")


def test_published_then_unpublished_in_one_transaction_leaves_nothing_public(subscription, commits):
    story = ArticleFactory(draft=True)
    editor = StaffUserFactory(role="Editor")
    with commits():
        workflow.apply(story, "publish", editor)
        workflow.apply(story, "unpublish", editor)
    # The unpublish is sent (it names only the URL); the publish found nothing public to describe.
    assert events() == [Event.ARTICLE_UNPUBLISHED]


def test_rolled_back_changes_send_nothing(subscription, commits):
    story = ArticleFactory(draft=True)
    editor = StaffUserFactory(role="Editor")
    with commits(), pytest.raises(RuntimeError), transaction.atomic():
        workflow.apply(story, "publish", editor)
        raise RuntimeError("something later in the request failed")
    assert events() == []


def test_pages_have_their_own_events(subscription, commits):
    with commits():
        page = Page.objects.create(title="About us", slug="about")
        page_id = page.pk
        page.status = Page.Status.PUBLISHED
        page.save()
    with commits():
        page.title = "About the newsroom"
        page.save()
    with commits():
        page.status = Page.Status.DRAFT
        page.save()
    with commits():
        page.status = Page.Status.PUBLISHED
        page.save()
    with commits():
        page.delete()
    assert events() == [
        Event.PAGE_PUBLISHED,
        Event.PAGE_UPDATED,
        Event.PAGE_UNPUBLISHED,
        Event.PAGE_PUBLISHED,
        Event.PAGE_DELETED,
    ]
    first = payloads()[0]["data"]
    assert first == {
        "type": "page",
        "id": page_id,
        "title": "About us",
        "url": "https://news.example.com/about/",
        "updated_at": first["updated_at"],
    }


def test_each_subscription_gets_only_the_events_it_chose(commits):
    pages_only = Subscription.objects.create(
        name="Pages", target_url="https://a.example.org/", events=[Event.PAGE_PUBLISHED]
    )
    articles_only = Subscription.objects.create(
        name="Stories", target_url="https://b.example.org/", events=[Event.ARTICLE_PUBLISHED]
    )
    Subscription.objects.create(
        name="Off", target_url="https://c.example.org/", events=list(Event.values), is_active=False
    )
    story = ArticleFactory(draft=True)
    with commits():
        workflow.apply(story, "publish", StaffUserFactory(role="Editor"))
    assert list(Delivery.objects.values_list("subscription", flat=True)) == [articles_only.pk]
    assert not pages_only.deliveries.exists()


def test_without_subscriptions_a_save_costs_no_extra_query(django_assert_num_queries):
    story = ArticleFactory()
    with CaptureQueriesContext(connection) as counted:
        story.headline = "Edited"
        story.save()
    baseline = len(counted)
    Subscription.objects.create(
        name="One", target_url="https://a.example.org/", events=[Event.ARTICLE_UPDATED]
    )
    story.save()  # reads which events are listened to into the cache
    with django_assert_num_queries(baseline + 1):  # the public state before the save
        story.headline = "Edited again"
        story.save()
    assert Article.objects.get(pk=story.pk).headline == "Edited again"


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_story_is_announced_when_its_time_comes_and_when_it_expires(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Subscription.objects.create(
        name="Partner app", target_url="https://hooks.example.org/in", events=list(Event.values)
    )
    editor = StaffUserFactory(role="Editor")
    story, moved = ArticleFactory(draft=True), ArticleFactory(draft=True)
    start = timezone.now()
    workflow.apply(story, "schedule", editor, at=start + timedelta(hours=1))
    workflow.apply(moved, "schedule", editor, at=start + timedelta(hours=1))
    moved.published_at = start + timedelta(days=3)  # rescheduled: the first check finds nothing
    moved.save()
    story.unpublish_at = start + timedelta(hours=5)
    story.save()  # the expiry time was set: its check is queued too
    work()
    assert events() == []
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        work()
    assert events() == [Event.ARTICLE_PUBLISHED]
    assert payloads()[0]["data"]["id"] == story.pk
    with time_machine.travel(start + timedelta(hours=6), tick=False):
        work()
    assert events() == [Event.ARTICLE_PUBLISHED, Event.ARTICLE_UNPUBLISHED]
    assert len(sent) == 2
