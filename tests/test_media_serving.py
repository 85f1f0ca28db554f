"""One server with DEBUG off (`make serve`) serves /media/: lead images work, content-hashed
files cache for a year, and nothing but the files themselves can be reached."""

import re
from pathlib import Path

import pytest
from django.utils.http import http_date

from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # renditions: the immediate backend
        image = ImageFactory()
    image.refresh_from_db()
    assert image.renditions_ready
    return image


def test_an_original_is_served_with_a_year_of_caching_and_safe_headers(client, settings, image):
    assert not settings.DEBUG
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == image.file.open("rb").read()


def test_a_rendition_is_served_and_cached_for_a_year(client, image):
    url = image.rendition_url(image.renditions_of("16x9")[0], "webp")
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/webp")
    assert response["Cache-Control"].endswith("immutable")


def test_an_article_page_lead_image_is_reachable(client, image):
    article = ArticleFactory(lead_image=image)
    page = client.get(article.get_absolute_url()).text
    sources = set(re.findall(r'(?:src|srcset)="(/media/[^" ]+)', page))
    assert sources
    for source in sources:
        assert client.get(source).status_code == 200, source


def test_head_and_conditional_requests_work_and_writes_are_refused(client, image):
    assert client.head(image.file.url).status_code == 200
    later = http_date(Path(image.file.path).stat().st_mtime + 60)
    assert client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    assert client.post(image.file.url).status_code == 405
    assert client.delete(image.file.url).status_code == 405
    assert Path(image.file.path).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/media/",
        "/media/images/",
        "/media/images/originals/",
        "/media/../manage.py",
        "/media/%2e%2e/manage.py",
        "/media/images/%2e%2e/%2e%2e/%2e%2e/manage.py",
        "/media/..%2fmanage.py",
        "/media//etc/passwd",
        "/media/%2fetc/passwd",
        "/media/images/originals/nothing-here.jpg",
        "/media/.secret",
        "/media/images/.secret",
        "/media/images/" + "x" * 300 + ".jpg",
        "/media/images/" + "/".join(["deep"] * 800) + ".jpg",
    ],
)
def test_no_listing_no_traversal_no_hidden_files(client, settings, image, path):
    media = Path(settings.MEDIA_ROOT)
    (media / ".secret").write_text("not for readers")
    (media / "images" / ".secret").write_text("not for readers")
    response = client.get(path)
    assert response.status_code == 404
    assert b"not for readers" not in response.content
    assert b"SECRET_KEY" not in response.content and b"root:" not in response.content


def test_a_file_that_is_not_an_image_of_ours_is_a_download(client, settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "note.html").write_text("<script>alert(1)</script>")
    response = client.get("/media/note.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["Cache-Control"] == "public, max-age=3600"


def test_the_brands_cleaned_svg_is_an_image_and_any_other_svg_a_download(client, settings):
    """The header shows the logo SVG with <img>, which a browser draws only with its real type;
    an SVG anywhere else in media could be anyone's and stays a download."""
    media = Path(settings.MEDIA_ROOT)
    (media / "branding").mkdir(parents=True, exist_ok=True)
    logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10"/></svg>'
    (media / "branding" / "logo.svg").write_text(logo)
    (media / "elsewhere.svg").write_text(logo)
    response = client.get("/media/branding/logo.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]  # opened alone, nothing runs
    assert response["X-Content-Type-Options"] == "nosniff"
    other = client.get("/media/elsewhere.svg")
    assert other["Content-Type"] == "application/octet-stream"
    assert other["Content-Disposition"] == "attachment"
