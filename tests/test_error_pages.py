import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path

from newsroom import urls as project_urls
from tests.factories import SectionFactory


def test_404_page_is_styled_and_has_the_site_navigation(client, db):
    SectionFactory(name="Good News", slug="good-news")
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "couldn’t find that page" in html
    assert "/static/css/site.css" in html
    assert 'href="/sections/good-news/"' in html


def test_500_template_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "site.css" in html


def _boom(request):
    raise RuntimeError("database exploded")


urlpatterns = [path("boom/", _boom)]


@pytest.mark.urls("tests.test_error_pages")
def test_unhandled_error_shows_the_friendly_500_page_without_details(db):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "database exploded" not in html and "Traceback" not in html


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("400.html", "didn’t make sense"),
        ("403.html", "don’t have access"),
        ("403_csrf.html", "form has expired"),
        ("404.html", "couldn’t find that page"),
        ("410.html", "has been removed"),
    ],
)
def test_each_error_page_is_styled_with_the_site_layout(rf, db, template, words):
    html = render_to_string(template, request=rf.get("/"))
    assert words in html
    assert "site.css" in html and 'class="site-header' in html


def test_503_template_renders_without_a_request_or_database():
    html = render_to_string("503.html")
    assert "back in a moment" in html
    assert "site.css" in html


def _database_down(request):
    from django.db import OperationalError

    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied("secret reason")


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("secret detail")


urlpatterns += [
    path("db-down/", _database_down),
    path("forbidden/", _forbidden),
    path("bad/", _bad),
    *project_urls.urlpatterns,  # the error pages link to the site's own pages
]
handler500 = project_urls.handler500


@pytest.mark.urls("tests.test_error_pages")
def test_a_lost_database_answers_503_with_retry_after_and_no_details(db, caplog):
    response = Client(raise_request_exception=False).get("/db-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "back in a moment" in html
    assert "5432" not in html and "Traceback" not in html
    assert any("Database unavailable" in message for message in caplog.messages)


@pytest.mark.urls("tests.test_error_pages")
@pytest.mark.parametrize(("url", "status"), [("/forbidden/", 403), ("/bad/", 400)])
def test_403_and_400_pages_show_no_exception_details(db, url, status):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status
    assert "secret" not in response.content.decode()
    assert "site.css" in response.content.decode()


def test_a_rejected_csrf_token_gets_the_friendly_403_page(db):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert "form has expired" in response.content.decode()
    assert "CSRF" not in response.content.decode()


def test_a_forged_host_header_gets_the_styled_400_page(db):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example.net")
    assert response.status_code == 400
    assert "didn’t make sense" in response.content.decode()
    assert "evil.example.net" not in response.content.decode()
