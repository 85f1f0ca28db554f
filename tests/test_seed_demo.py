"""The demo content: complete, idempotent, and a site with no broken or leaking pages."""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command
from django.utils.html import escape

from articles.models import Article, RelatedArticle, Section
from authors.models import Author

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _counts():
    return (
        Section.objects.count(),
        Author.objects.count(),
        Article.objects.count(),
        RelatedArticle.objects.count(),
        Article.tags.through.objects.count(),
    )


def test_seed_demo_creates_what_the_demo_needs(demo):
    assert Section.objects.filter(slug__in=["technology", "good-news"]).count() == 2
    assert Section.objects.filter(parent__isnull=False).exists()
    assert Section.objects.count() >= 5
    assert Author.objects.count() >= 4
    assert Author.objects.filter(bio__contains="covers tech and gaming news").exists()
    assert Article.objects.published().count() >= 24
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.filter(status="published").exclude(pk__in=Article.objects.published())
    articles = Article.objects.select_related("lead_image")
    assert all(article.lead_image and article.lead_image.alt_text for article in articles)
    assert all(article.lead_image.credit for article in articles)
    assert all(author.photo for author in Author.objects.all())


def test_seed_demo_is_idempotent(demo):
    before = _counts()
    modified = list(Article.objects.values_list("modified_at", flat=True).order_by("pk"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == before
    assert list(Article.objects.values_list("modified_at", flat=True).order_by("pk")) == modified


def test_seed_demo_prints_the_editor_login(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "username 'editor'" in out and "password 'newsroom-editor'" in out


def _crawl(client, start="/"):
    """Follow every internal link from `start`; return {path: response}."""
    seen, queue, pages = {start}, deque([start]), {}
    while queue:
        path = queue.popleft()
        response = client.get(path)
        pages[path] = response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="([^"]+)"', response.content.decode()):
            link, _ = urldefrag(href.replace("&amp;", "&"))
            parsed = urlparse(link)
            if parsed.scheme or not link.startswith("/") or link.startswith(("/static", "/media")):
                continue
            if link not in seen and not link.startswith("/admin"):
                seen.add(link)
                queue.append(link)
    return pages


def test_crawl_of_the_demo_site(demo, client):
    pages = _crawl(client)
    assert all(response.status_code < 500 for response in pages.values())

    full = 0
    for path, response in pages.items():
        if not path.startswith("/articles/") or response.status_code != 200:
            continue
        html = response.content.decode()
        more_in = re.search(r'<section class="widget more-in".*?</section>', html, re.S)
        if "About " in html and more_in and more_in.group(0).count('class="card"') >= 3:
            full += 1
    assert full >= 10

    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    assert hidden.exists()
    for article in hidden:
        assert article.get_absolute_url() not in pages
        assert client.get(article.get_absolute_url()).status_code == 404

    author = Author.objects.filter(bylines__isnull=False).first()
    author_html = pages[author.get_absolute_url()].content.decode()
    story = Article.objects.published().by_author(author).first()
    assert escape(story.headline) in author_html


def test_seed_demo_creates_one_login_per_role_and_prints_them(db, capsys):
    from django.contrib.auth import authenticate

    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: no duplicate users or groups
    out = capsys.readouterr().out
    for username, group in [
        ("contributor", "Contributor"), ("editor", "Editor"), ("editor2", "Editor"),
        ("admin", "Administrator"),
    ]:  # fmt: skip
        assert f"{group} login: username '{username}', password 'newsroom-{username}'" in out
        user = authenticate(username=username, password=f"newsroom-{username}")
        assert user is not None and user.is_staff
        assert list(user.groups.values_list("name", flat=True)) == [group]
    contributor = authenticate(username="contributor", password="newsroom-contributor")
    assert contributor.author.slug == "mei-lin-harper"
    assert not contributor.has_perm("articles.publish_article")
