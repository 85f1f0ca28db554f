"""Home-page curation: the editors' lead and featured picks, falling back to the latest."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.curation import home_stories, set_picks
from articles.models import Article
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_without_picks_the_newest_story_leads():
    older = ArticleFactory(published_at=timezone.now() - timedelta(hours=3))
    newest = ArticleFactory()
    stories = home_stories(12)
    assert stories.lead == newest and stories.featured == [] and stories.latest == [older]


def test_picks_lead_and_feature_in_the_editors_order(client):
    old_lead = ArticleFactory(
        headline="Chosen lead", published_at=timezone.now() - timedelta(days=3)
    )
    second = ArticleFactory(
        headline="Chosen second", published_at=timezone.now() - timedelta(days=2)
    )
    third = ArticleFactory(headline="Chosen third", published_at=timezone.now() - timedelta(days=5))
    newest = ArticleFactory(headline="Newest unpicked")
    set_picks([old_lead, third, second])
    stories = home_stories(12)
    assert stories.lead == old_lead
    assert stories.featured == [third, second]
    assert stories.latest == [newest]
    html = client.get("/").content.decode()
    assert html.index("Chosen lead") < html.index("Chosen third") < html.index("Chosen second")
    assert html.index("Chosen second") < html.index("Newest unpicked")
    assert 'class="teaser teaser--lead"' in html


@pytest.mark.parametrize(
    "hide",
    [
        {"status": Article.Status.UNPUBLISHED},
        {"status": Article.Status.DRAFT},
        {"trashed_at": timezone.now()},
        {"unpublish_at": timezone.now() - timedelta(minutes=1)},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_picks_that_are_not_public_drop_out_by_themselves(hide):
    lead = ArticleFactory(headline="Was the lead")
    featured = ArticleFactory()
    latest = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    set_picks([lead, featured])
    Article.objects.filter(pk=lead.pk).update(**hide)
    stories = home_stories(12)
    assert stories.lead == featured
    assert stories.featured == []
    assert stories.latest == [latest]


def test_editor_adds_a_pick_in_the_admin(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=9), headline="Evergreen")
    ArticleFactory(headline="Fresh news")
    client.force_login(StaffUserFactory(role="Editor"))
    response = client.post("/admin/articles/homeslot/add/", {"article": article.pk, "position": 0})
    assert response.status_code == 302
    assert home_stories(12).lead == article


@pytest.mark.parametrize("size", [5, 50])
def test_home_with_picks_stays_within_the_query_budget(client, size, django_assert_max_num_queries):
    stories = [ArticleFactory() for _ in range(size)]
    set_picks(stories[:4])
    with django_assert_max_num_queries(8):
        client.get("/")
