"""WordPress import: every old address a reader or a search engine holds leads to the new page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Section
from redirects.models import Redirect
from tests.factories import ArticleFactory
from tests.test_wordpress_identity import export, post, run

pytestmark = pytest.mark.django_db

BLOG = "https://harbourgazette.wordpress.com"
CATEGORIES = """<wp:category><wp:category_nicename>news</wp:category_nicename>
<wp:cat_name>News</wp:cat_name></wp:category>
<wp:category><wp:category_nicename>local</wp:category_nicename>
<wp:category_parent>news</wp:category_parent><wp:cat_name>Local</wp:cat_name></wp:category>"""
TERMS = """<category domain="category" nicename="local">Local</category>
<category domain="post_tag" nicename="ferries">Ferries</category>"""


def article(post_id: int) -> Article:
    return Article.objects.get(wordpress_source__wp_post_id=post_id)


def location(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_question_mark_p_answers_301_to_the_article_and_leaves_the_home_page_alone(
    client, tmp_path
):
    run(export(tmp_path / "a.xml", [post(12)]))
    assert location(client, "/?p=12") == article(12).get_absolute_url()
    assert client.get("/?p=999").status_code == 200  # unknown: the home page, as before
    assert client.get("/?p=abc").status_code == 200
    assert client.get("/?page=2").status_code == 200  # the site's own parameters untouched
    assert client.get("/search/?q=x&p=12").status_code == 200  # root only


def test_question_mark_p_of_a_draft_is_not_redirected(client, tmp_path):
    run(export(tmp_path / "a.xml", [post(12).replace("publish</wp:status>", "draft</wp:status>")]))
    response = client.get("/?p=12")
    assert response.status_code == 200
    assert article(12).get_absolute_url().encode() not in response.content


def test_category_tag_and_author_archives_and_their_feeds_answer_301(client, tmp_path):
    run(export(tmp_path / "a.xml", [post(1, terms=TERMS)], declarations=CATEGORIES))
    local = Section.objects.get(slug="local")
    assert location(client, "/category/news/local/") == local.get_absolute_url()
    assert location(client, "/category/news/local/feed/") == f"/sections/{local.slug}/feed/"
    assert location(client, "/category/news/") == "/sections/news/"
    assert location(client, "/tag/ferries/") == "/tags/ferries/"
    assert location(client, "/tag/ferries/feed/") == "/tags/ferries/feed/"
    assert location(client, "/author/mara/") == "/authors/mara/"
    assert location(client, "/author/mara/feed/") == "/authors/mara/feed/"


def test_a_scheduled_posts_old_url_is_404_until_it_is_published(client, tmp_path):
    scheduled = (
        post(5)
        .replace("publish</wp:status>", "future</wp:status>")
        .replace("2020-01-02 10:00:00", "2099-01-02 10:00:00")
    )
    run(export(tmp_path / "a.xml", [scheduled]))
    story = article(5)
    assert story.is_scheduled
    response = client.get("/2020/01/story-5/")
    assert response.status_code == 404
    assert story.slug.encode() not in response.content  # the new address is not given away
    assert client.get("/?p=5").status_code == 200

    story.published_at = timezone.now() - timedelta(minutes=1)
    story.save()
    assert location(client, "/2020/01/story-5/") == story.get_absolute_url()
    assert location(client, "/?p=5") == story.get_absolute_url()


def test_an_unpublished_articles_redirects_answer_404(client):
    story = ArticleFactory()
    Redirect.objects.create(old_path="/old/", new_path=story.get_absolute_url())
    assert client.get("/old/").status_code == 301
    story.status = Article.Status.DRAFT
    story.save()
    assert client.get("/old/").status_code == 404


def test_links_between_posts_point_at_the_new_pages(tmp_path):
    body = (
        f'See <a href="{BLOG}/2020/01/story-2/#map">the map</a>, '
        f'<a href="{BLOG}/?p=2">the short link</a>, <a href="/category/news/">the news</a>, '
        f'<a href="{BLOG}/2020/01/gone/">a deleted post</a> and '
        '<a href="https://elsewhere.example/2020/01/story-2/">another site</a>.'
    )
    first = post(1).replace("Text of post 1.", body)
    out = run(export(tmp_path / "a.xml", [first, post(2)], declarations=CATEGORIES))
    new = article(2).get_absolute_url()
    text = article(1).body
    assert f'href="{new}#map"' in text
    assert f'href="{new}"' in text
    assert 'href="/sections/news/"' in text
    assert f'href="{BLOG}/2020/01/gone/"' in text  # nothing to point at: left as it was
    assert 'href="https://elsewhere.example/2020/01/story-2/"' in text
    assert "links to the old site: 3 rewritten, 1 left (no new page)" in out
