"""Every kind of response carries the security headers and a strict Content-Security-Policy."""

import pytest
from django.contrib.auth import get_user_model

PAGE_KINDS = {
    "home": lambda article: "/",
    "article": lambda article: article.get_absolute_url(),
    "section": lambda article: article.section.get_absolute_url(),
    "author": lambda article: article.authors.first().get_absolute_url(),
    "tag": lambda article: "/tags/privacy/",
    "feed": lambda article: "/feed/",
    "sitemap": lambda article: "/sitemap.xml",
    "robots": lambda article: "/robots.txt",
    "not found": lambda article: "/no/such/page/",
    "admin login": lambda article: "/admin/login/",
}


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_sends_the_security_headers(client, article, kind):
    response = client.get(PAGE_KINDS[kind](article))
    assert response.status_code in {200, 404}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = _directives(response)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    script_src = csp["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'self'" in script_src


def test_admin_pages_for_a_signed_in_editor_carry_the_policy(client, db):
    admin = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(admin)
    response = client.get("/admin/articles/article/add/")
    assert response.status_code == 200
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "object-src 'none'" in response["Content-Security-Policy"]


def test_the_nonce_in_the_header_matches_the_one_templates_receive(rf, db):
    from django.middleware.csp import ContentSecurityPolicyMiddleware
    from django.template import engines

    template = engines["django"].from_string('<script nonce="{{ csp_nonce }}"></script>')

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(template.render({}, request))

    request = rf.get("/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 16
    assert f"'nonce-{nonce}'" in _directives(response)["script-src"]


def test_session_cookie_is_http_only_and_both_cookies_secure_when_configured(client, db, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    get_user_model().objects.create_superuser("rita", "rita@example.com", "correct horse 9")
    csrf = client.get("/admin/login/").cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post("/admin/login/", {"username": "rita", "password": "correct horse 9"})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


def test_https_requests_get_hsts_and_http_ones_are_redirected(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/robots.txt").status_code == 301
    response = client.get("/robots.txt", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_an_xss_payload_saved_from_the_admin_is_neutralised_on_the_public_page(client, section):
    from tests.factories import ArticleFactory

    article = ArticleFactory(
        section=section,
        headline='Budget vote <script>alert("headline")</script>',
        standfirst='<img src=x onerror=alert("standfirst")>',
        body='<p onclick="alert(1)">Text<script>alert("body")</script>'
        '<a href="javascript:alert(2)">link</a></p>',
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x onerror" not in html and 'onclick="alert' not in html
    assert "javascript:alert" not in html
    assert "&lt;script&gt;alert(&#34;headline&#34;)&lt;/script&gt;" in html


VIOLATION = {
    "csp-report": {
        "document-uri": "https://news.example.com/admin/",
        "violated-directive": "script-src-elem",
        "blocked-uri": "inline",
        "line-number": 12,
    }
}


def test_the_policy_asks_browsers_to_report_violations_to_us(client, db):
    assert "report-uri /csp-report/" in client.get("/robots.txt")["Content-Security-Policy"]


def test_a_csp_violation_report_is_logged(client, caplog):
    import json
    import logging

    with caplog.at_level(logging.WARNING, logger="newsroom.views"):
        response = client.post(
            "/csp-report/", json.dumps(VIOLATION), content_type="application/csp-report"
        )
    assert response.status_code == 204
    assert any("CSP violation" in m and "script-src-elem" in m for m in caplog.messages)


@pytest.mark.parametrize(
    "body", [b"", b"not json", b"[1, 2]", b'{"csp-report": "text"}', b"{" + b" " * 20_000 + b"}"]
)
def test_anything_but_a_small_csp_report_is_refused_with_400(client, body):
    response = client.post("/csp-report/", body, content_type="application/json")
    assert response.status_code == 400


def test_the_report_endpoint_only_accepts_post(client):
    assert client.get("/csp-report/").status_code == 405


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_refuses_browser_features_no_page_uses(client, article, kind):
    response = client.get(PAGE_KINDS[kind](article))
    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert policy[feature] == "()"


def test_the_permissions_policy_comes_from_settings(client, db, settings):
    settings.PERMISSIONS_POLICY = {"camera": [], "fullscreen": ["self", "https://player.example"]}
    response = client.get("/robots.txt")
    assert response["Permissions-Policy"] == 'camera=(), fullscreen=(self "https://player.example")'
    settings.PERMISSIONS_POLICY = {}
    assert "Permissions-Policy" not in client.get("/robots.txt")


def test_a_cached_page_and_a_redirect_carry_the_permissions_policy(client, article):
    client.get("/")
    assert "camera=()" in client.get("/")["Permissions-Policy"]  # second answer: page cache
    redirect = client.get(article.get_absolute_url().replace(article.slug, "wrong-slug"))
    assert redirect.status_code == 301
    assert "camera=()" in redirect["Permissions-Policy"]
