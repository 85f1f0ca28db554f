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


def test_seed_demo_includes_a_live_blog_with_a_dozen_entries(demo, client):
    from liveblog.models import LiveBlog

    blog = LiveBlog.objects.get()
    assert blog.is_live and blog.key_point_list
    assert blog.entries.published().count() >= 12
    assert blog.entries.filter(pinned=True).exists()
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert "live-badge" in html and 'id="live-updates"' in html
    entries = blog.entries.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert LiveBlog.objects.count() == 1 and blog.entries.count() == entries


def test_demo_pictures_are_varied_text_free_compositions_with_focal_points(monkeypatch):
    from PIL import ImageDraw

    from demo import content as demo_content
    from demo.images import lead_illustration

    def no_text(*args, **kwargs):
        raise AssertionError("a demo picture must hold no text: a crop would cut it")

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", no_text)
    stories = demo_content.ARTICLES[:8]
    pictures = [lead_illustration(s["headline"], s["section"], size=(360, 240)) for s in stories]
    assert len({picture for picture, _focal in pictures}) == len(stories)
    focal_points = [focal for _picture, focal in pictures]
    assert len(set(focal_points)) == len(stories)
    assert all(10 <= x <= 90 and 10 <= y <= 90 for x, y in focal_points)


class _PacedOutput:
    """A stdout that checks, at each progress line, that the pictures so far are finished."""

    def __init__(self):
        self.lines = []

    def write(self, text: str) -> None:
        from images.models import Image

        if "story [" in text:
            pending = [image.pk for image in Image.objects.all() if not image.renditions_ready]
            assert pending == [], f"renditions still to make at {text!r}"
        self.lines.append(text)

    def flush(self) -> None:
        pass


@pytest.mark.django_db(transaction=True)
def test_seed_demo_reports_progress_as_the_pictures_are_made(monkeypatch):
    from demo import content as demo_content

    stories = demo_content.ARTICLES[:3]
    kept = {story["slug"] for story in stories}
    stories = [
        {**story, "related": [slug for slug in story["related"] if slug in kept]}
        for story in stories
    ]
    monkeypatch.setattr(demo_content, "ARTICLES", stories)
    output = _PacedOutput()
    call_command("seed_demo", stdout=output)
    progress = [line for line in output.lines if "story [" in line]
    assert len(progress) == 3 and "[3/3]" in progress[-1]
    assert sum("author [" in line for line in output.lines) == len(demo_content.AUTHORS)
    article = Article.objects.select_related("lead_image").get(slug=stories[0]["slug"])
    assert article.lead_image.renditions_ready
    assert (article.lead_image.focal_x, article.lead_image.focal_y) != (50, 50)
