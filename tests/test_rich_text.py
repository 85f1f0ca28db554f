"""The body's rich text: whatever is posted to the admin form, only the allowlist is stored."""

import re

import pytest
from django.db import connection

from articles.models import Article
from core.sanitize import clean_html
from tests.admin_forms import article_post_data, change_url
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script><p>after</p>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href="java\tscript:alert(1)">tab</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zy8+">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<p onclick="alert(1)" onmouseover="alert(2)">handlers</p>',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    "<style>body{display:none}</style><p>visible</p>",
    '<form action="https://evil.example"><input name="password"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<body onload="alert(1)"><p>body</p></body>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<!--<script>alert(1)</script>--><p>comment</p>",
    '<a href="https://ok.example" target="_blank" onfocus="alert(1)" autofocus>ok</a>',
    '<h2 class="x" id="y" style="color:red">Heading</h2>',
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    '<video><source onerror="alert(1)"></video>',
    "<p>unclosed <b>bold <i>italic</p><script>",
]
FORBIDDEN = re.compile(
    r"<script|<iframe|<object|<embed|<svg|<style|<form|<input|<meta|<base|<math|<body|<video"
    r"|\son\w+\s*=|javascript:|vbscript:|data:|style=|srcdoc|class=|id=",
    re.IGNORECASE,
)


@pytest.fixture
def editor_client(client, db):
    client.force_login(StaffUserFactory(role="Editor"))
    return client


@pytest.mark.parametrize("snippet", HOSTILE)
def test_hostile_html_posted_to_the_admin_form_is_stored_clean(editor_client, snippet):
    article = ArticleFactory(body="<p>Before</p>")
    response = editor_client.post(change_url(article), article_post_data(article, body=snippet))
    assert response.status_code == 302
    article.refresh_from_db()
    assert not FORBIDDEN.search(article.body), article.body


@pytest.mark.parametrize("snippet", HOSTILE)
def test_hostile_html_never_reaches_the_public_page(client, snippet):
    article = ArticleFactory(body=snippet, headline="Hostile body test")
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('<div class="article__body">', 1)[1].split("</div>", 1)[0]
    assert not FORBIDDEN.search(body), body


def test_allowed_formatting_survives(editor_client):
    rich = (
        "<h2>Heading</h2><h3>Sub</h3><p><strong>bold</strong> <em>it</em> "
        '<a href="https://example.com/x">link</a></p><ul><li>one</li></ul><ol><li>two</li></ol>'
        "<blockquote><p>quote</p></blockquote>"
        '<figure><img src="/media/body/a.jpg" alt="A chart"><figcaption>Cap</figcaption>'
        "</figure>"
    )
    article = ArticleFactory()
    editor_client.post(change_url(article), article_post_data(article, body=rich))
    article.refresh_from_db()
    for fragment in [
        "<h2>Heading</h2>", "<strong>bold</strong>", "<em>it</em>", "<ul><li>one</li></ul>",
        "<blockquote>", '<img src="/media/body/a.jpg" alt="A chart">',
        "<figcaption>Cap</figcaption>", 'href="https://example.com/x"',
    ]:  # fmt: skip
        assert fragment in article.body


def test_model_saves_outside_the_admin_are_sanitized_too(db):
    article = ArticleFactory(body='<p onclick="x()">Hi</p><script>x()</script>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"


def test_edit_page_uses_the_rich_text_editor(editor_client):
    article = ArticleFactory()
    html = editor_client.get(change_url(article)).content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "django_prose_editor/editor.js" in html


def test_contributor_posts_are_sanitized_the_same_way(client):
    user = StaffUserFactory(role="Contributor")
    client.force_login(user)
    section = ArticleFactory().section
    data = article_post_data(section=section, headline="Contributor HTML")
    data["body"] = '<p>ok</p><img src=x onerror="alert(1)"><a href="javascript:x">y</a>'
    client.post("/admin/articles/article/add/", data)
    stored = Article.objects.get(headline="Contributor HTML").body
    assert not FORBIDDEN.search(stored)


# Images: only our own files ---------------------------------------------------------------

FOREIGN_IMAGES = [
    '<img src="//tracker.example/pixel.gif" width="1" height="1" alt="">',
    '<img src="https://tracker.example/pixel.gif?reader=1">',
    '<img src="http://tracker.example/media/pixel.gif">',
    '<img src="https://127.0.0.1:8000.tracker.example/media/x.gif">',
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
    '<img src="pixel.gif">',
    '<img src="/media/../admin/">',
    '<img src="/media/\\tracker.example/x.gif">',
    "<IMG SRC=//tracker.example/x.gif>",
]
OWN_IMAGES = [
    '<img src="/media/body/chart.png" alt="Chart">',
    '<img src="http://127.0.0.1:8000/media/body/chart.png" alt="Chart">',
    '<img src="/static/newsroom/logo.png" alt="Logo">',
]


@pytest.mark.parametrize("snippet", FOREIGN_IMAGES)
def test_an_image_from_another_host_is_removed_when_saved(editor_client, snippet):
    article = ArticleFactory()
    body = f"<p>Before</p>{snippet}<p>After</p>"
    response = editor_client.post(change_url(article), article_post_data(article, body=body))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Before</p><p>After</p>"


@pytest.mark.parametrize("snippet", OWN_IMAGES)
def test_our_own_media_and_static_images_stay(snippet):
    article = ArticleFactory(body=f"<p>x</p>{snippet}")
    article.refresh_from_db()
    assert article.body == f"<p>x</p>{snippet}"


def test_an_image_on_the_cdn_that_serves_our_media_stays(settings):
    settings.MEDIA_URL = "https://media.cdn.example/newsroom/"
    kept = '<img src="https://media.cdn.example/newsroom/a.jpg" alt="A">'
    assert clean_html(kept + '<img src="https://media.cdn.example/other/a.jpg">') == kept


def test_a_figure_whose_image_is_removed_keeps_its_caption_words():
    foreign = (
        '<figure><a href="https://x.example/"><img src="https://x.example/a.jpg" alt="A"></a>'
        "<figcaption>The harbour at dawn</figcaption></figure><p>Text</p>"
    )
    assert (
        clean_html(foreign) == '<figure><a href="https://x.example/" rel="noopener noreferrer">'
        "</a><figcaption>The harbour at dawn</figcaption></figure><p>Text</p>"
    )
    bare = '<figure><img src="//x.example/a.jpg"><figcaption>Words</figcaption></figure><p>T</p>'
    assert clean_html(bare) == "<p>Words</p><p>T</p>"
    empty = '<figure><img src="//x.example/a.jpg"></figure><p>T</p>'
    assert clean_html(empty) == "<p>T</p>"
    own = '<figure><img src="/media/a.jpg" alt="A"><figcaption>Kept</figcaption></figure>'
    assert clean_html(own) == own
    quote = "<figure><blockquote>Words</blockquote><figcaption>Who</figcaption></figure>"
    assert clean_html(quote) == quote


def test_feeds_carry_no_foreign_image_even_from_a_body_stored_before_the_rule(client):
    article = ArticleFactory(body="<p>Clean</p>")
    stored = '<p>Text</p><img src="https://tracker.example/p.gif"><img src="/media/ok.png" alt="">'
    Article.objects.filter(pk=article.pk).update(modified_at=article.modified_at)
    with connection.cursor() as cursor:  # a row written before images were checked
        cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [stored, article.pk])
    for url in ["/feed/", "/feed/atom/"]:
        content = client.get(url).content.decode()
        assert "tracker.example" not in content
        assert "http://127.0.0.1:8000/media/ok.png" in content
