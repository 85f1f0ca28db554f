"""WordPress date archives (`/2020/01/`) lead to the stories of that year, month or day."""

from datetime import UTC, datetime

import pytest

from redirects.models import Redirect
from tests.factories import ArticleFactory
from tests.test_wordpress_identity import export, post, run

pytestmark = pytest.mark.django_db


def location(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_date_archives_and_their_feeds_answer_301_for_the_dates_seen(client, tmp_path):
    draft = post(2).replace("2020-01-02", "2021-05-06").replace("publish<", "draft<")
    scheduled = post(3).replace("2020-01-02", "2099-05-06").replace("publish<", "future<")
    run(export(tmp_path / "a.xml", [post(1), draft, scheduled]))
    assert location(client, "/2020/") == "/latest/2020/"
    assert location(client, "/2020/01/") == "/latest/2020/01/"
    assert location(client, "/2020/01/02/") == "/latest/2020/01/02/"
    assert location(client, "/2020/01/feed/") == "/feed/"
    for unseen in ("/2021/", "/2021/05/", "/2099/", "/2020/02/"):  # drafts, scheduled, no post
        assert client.get(unseen).status_code == 404
    assert not Redirect.objects.filter(old_path__startswith="/2099").exists()
    response = client.get("/latest/2020/01/")
    assert response.status_code == 200 and b"Ferry timetable changes" in response.content


def test_the_date_lists_show_only_their_period_and_refuse_bad_dates(client):
    ArticleFactory(headline="March story", published_at=datetime(2013, 3, 4, 12, tzinfo=UTC))
    ArticleFactory(headline="April story", published_at=datetime(2013, 4, 1, 12, tzinfo=UTC))
    ArticleFactory(headline="Next year", published_at=datetime(2014, 1, 1, 12, tzinfo=UTC))
    march = client.get("/latest/2013/03/").content
    assert b"March story" in march and b"April story" not in march
    assert b"Stories of March 2013" in march
    year = client.get("/latest/2013/").content
    assert b"March story" in year and b"April story" in year and b"Next year" not in year
    day = client.get("/latest/2013/03/04/").content
    assert b"March story" in day and b"April story" not in day
    assert client.get("/latest/2013/02/30/").status_code == 404
    assert client.get("/latest/2013/13/").status_code == 404
    assert client.get("/latest/2013/03/?page=9").status_code == 404


@pytest.mark.parametrize("stories", [1, 12])
def test_a_date_list_costs_the_same_queries_whatever_its_length(
    client, stories, django_assert_max_num_queries
):
    for day in range(stories):
        ArticleFactory(published_at=datetime(2013, 3, 1 + day, 12, tzinfo=UTC))
    with django_assert_max_num_queries(12):
        assert client.get("/latest/2013/03/").status_code == 200
