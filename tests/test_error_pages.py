import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path

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
