"""The body's rich text: whatever is posted to the admin form, only the allowlist is stored."""

import re

import pytest

from articles.models import Article
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
    r"|<details|\son\w+\s*=|javascript:|vbscript:|data:|style=|srcdoc|class=|id=",
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
        '<figure><img src="https://example.com/a.jpg" alt="A chart"><figcaption>Cap</figcaption>'
        "</figure>"
    )
    article = ArticleFactory()
    editor_client.post(change_url(article), article_post_data(article, body=rich))
    article.refresh_from_db()
    for fragment in [
        "<h2>Heading</h2>", "<strong>bold</strong>", "<em>it</em>", "<ul><li>one</li></ul>",
        "<blockquote>", '<img src="https://example.com/a.jpg" alt="A chart">',
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
