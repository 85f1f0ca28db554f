"""After a refused stale save: a merge screen per changed field, saved in one step."""

import pytest

from articles.models import Article
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(headline="Ferry returns", standfirst="Soon.", tags=["ferries"])


def stale_pair(client, story):
    """Eda opened the story; Noor saves first. Returns Eda's stale form data."""
    eda = StaffUserFactory(role="Editor", first_name="Eda", last_name="Desk")
    noor = StaffUserFactory(role="Editor", first_name="Noor", last_name="Second")
    opened = article_post_data(story)
    client.force_login(noor)
    theirs = article_post_data(story, headline="Ferry returns on Monday", standfirst="Monday.")
    assert client.post(change_url(story), theirs).status_code == 302
    client.force_login(eda)
    return opened


def test_stale_save_shows_each_changed_field_side_by_side(client, story):
    opened = stale_pair(client, story)
    mine = {**opened, "headline": "Ferry back after repairs", "tags": "ferries, harbour"}
    response = client.post(change_url(story), mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Noor Second saved this article" in page
    assert 'id="merge-theirs-headline">Ferry returns on Monday<' in page
    assert 'id="merge-mine-headline">Ferry back after repairs<' in page
    assert 'id="merge-mine-tags">ferries, harbour<' in page
    assert 'name="merge-standfirst"' in page  # they changed it, I did not: still a choice
    saved = Article.objects.get(pk=story.pk)
    assert f'name="merge_version" value="{saved.version}"' in page
    assert saved.headline == "Ferry returns on Monday"


def test_keep_mine_and_keep_theirs_save_in_one_step(client, story):
    opened = stale_pair(client, story)
    mine = {**opened, "headline": "Ferry back after repairs", "tags": "ferries, harbour"}
    merged = {
        **mine,
        "merge_version": Article.objects.get(pk=story.pk).version,
        "merge-headline": "mine",
        "merge-standfirst": "theirs",
        "merge-tags": "mine",
        "_continue": "merge",
    }
    response = client.post(change_url(story), merged)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Ferry back after repairs"
    assert story.standfirst == "Monday."
    assert sorted(story.tags.names()) == ["ferries", "harbour"]


def test_a_merge_based_on_an_outdated_version_is_refused_again(client, story):
    opened = stale_pair(client, story)
    version = Article.objects.get(pk=story.pk).version
    noor_again = Article.objects.get(pk=story.pk)
    client.force_login(StaffUserFactory(role="Editor"))
    client.post(change_url(noor_again), article_post_data(noor_again, headline="Third"))
    client.force_login(StaffUserFactory(role="Editor"))
    merged = {**opened, "headline": "Mine", "merge_version": version, "merge-headline": "mine"}
    response = client.post(change_url(story), merged)
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    assert Article.objects.get(pk=story.pk).headline == "Third"
