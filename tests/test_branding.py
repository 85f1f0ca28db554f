"""The brand: uploads checked, PNGs made with Pillow, and shown in the header, head, JSON-LD
and feeds."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template, engines
from lxml import etree
from PIL import Image as PILImage

from branding.artwork import make_artwork, publisher_logo
from branding.brand import current_brand
from branding.models import Brand
from branding.svg import clean_svg
from demo.site import logo_svg, seed_brand
from tests.factories import StaffUserFactory, image_bytes

pytestmark = pytest.mark.django_db
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 200 40" onload="alert(1)"><script>alert(2)</script>'
    b'<rect width="10" height="10" fill="url(#g)" style="x"/>'
    b'<image xlink:href="https://tracker.example/p.png"/>'
    b'<use xlink:href="https://evil.example/x.svg#a"/><use href="#g"/>'
    b'<foreignObject><p>hi</p></foreignObject><a href="javascript:x"><path d="M0 0h1"/></a>'
    b"</svg>"
)


def png(size, colour="red") -> bytes:
    return image_bytes(size=size, colour=colour, format="PNG", mode="RGBA")


def test_svg_is_reduced_to_drawing():
    cleaned, size = clean_svg(SVG)
    text = cleaned.decode()
    assert size == (200.0, 40.0)
    for gone in ("onload", "script", "alert", "tracker.example", "evil.example", "foreignObject",
                 "javascript", "style="):  # fmt: skip
        assert gone not in text
    assert 'fill="url(#g)"' in text and 'href="#g"' in text


@pytest.mark.parametrize(
    "data",
    [
        b"not xml at all",
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        b'<html xmlns="http://www.w3.org/1999/xhtml"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b"<svg" + b" " * 600_000 + b"/>",
    ],
)
def test_bad_svg_is_refused_with_a_message(data):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        clean_svg(data)


@pytest.mark.parametrize("size", [(100, 20), (3000, 300), (80, 80), (2000, 50), (40, 400)])
def test_publisher_logo_is_at_least_600_by_60(size):
    result = publisher_logo(PILImage.new("RGBA", size, "red"))
    assert result.width >= 600 and result.height >= 60
    assert result.width <= 1200 or result.height == 60


def test_artwork_makes_the_logo_png_and_favicons():
    brand = Brand()
    brand.logo_raster.save("l.png", ContentFile(png((300, 60))), save=False)
    brand.icon.save("i.png", ContentFile(png((512, 512))), save=False)
    brand.save()
    make_artwork(brand)
    with PILImage.open(brand.logo_png) as logo:
        assert logo.format == "PNG" and logo.width >= 600 and logo.height >= 60
    assert set(brand.icons) == {"32", "144", "180", "192", "512"}
    assert (brand.logo_width, brand.logo_height) == (300, 60)


def admin_client(client):
    client.force_login(StaffUserFactory(role="Administrator"))
    return client


def upload(name, data, kind="image/png"):
    return SimpleUploadedFile(name, data, kind)


def test_administrator_saves_a_brand_and_the_pngs_are_made(client):
    response = admin_client(client).post(
        "/admin/branding/brand/add/",
        {
            "logo_svg": upload("l.svg", SVG, "image/svg+xml"),
            "logo_raster": upload("l.png", png((400, 80))),
            "icon": upload("i.png", png((256, 256))),
            "theme_colour": "#aa0000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    brand = Brand.objects.get()
    assert b"script" not in brand.logo_svg.read()
    assert brand.logo_png and brand.icons["512"]
    assert client.get("/admin/branding/brand/add/").status_code == 403  # one brand per site


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"logo_raster": ("x.png", b"not an image")}, "not an image we accept"),
        ({"logo_raster": ("x.gif", image_bytes(format="GIF", mode="P"))}, "PNG, JPEG or WebP"),
        ({"icon": ("i.png", None)}, "at least 180"),
        ({"logo_svg": ("l.svg", b"<svg")}, "not a well-formed SVG"),
        ({"logo_svg": ("l.svg", SVG)}, "raster logo"),
    ],
)
def test_bad_uploads_are_form_errors(client, files, message):
    data = {"theme_colour": "#aa0000"}
    for field, (name, content) in files.items():
        data[field] = upload(name, content if content is not None else png((64, 64)))
    response = admin_client(client).post("/admin/branding/brand/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Brand.objects.exists()


def test_bad_theme_colour_is_a_form_error(client):
    response = admin_client(client).post("/admin/branding/brand/add/", {"theme_colour": "red"})
    assert response.status_code == 200 and b"#1d3557" in response.content


def test_without_a_brand_pages_show_the_name_and_the_static_favicon(client):
    html = client.get("/").content.decode()
    assert 'class="site-title" href="/">Newsroom</a>' in html
    assert "favicon.svg" in html and '<meta name="theme-color" content="#1d3557">' in html


def test_brand_shows_in_header_head_json_ld_and_feeds(client, article):
    seed_brand()
    brand = current_brand()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<img class="site-title__logo" src="{brand.header_logo_url}" alt="Newsroom"' in html
    assert brand.header_logo_url.endswith(".svg")
    assert f'href="{brand.favicon_url}" sizes="32x32"' in html
    assert 'rel="apple-touch-icon"' in html
    marker = '<script type="application/ld+json">'
    blocks = [json.loads(part.split("</script>", 1)[0]) for part in html.split(marker)[1:]]
    logo = next(b["publisher"]["logo"] for b in blocks if b.get("@type") == "NewsArticle")
    assert logo["url"].endswith(".png") and logo["width"] >= 600 and logo["height"] >= 60
    rss = etree.fromstring(client.get("/feed/").content)
    image = rss.find("channel/image")
    assert image.find("url").text.endswith(".png") and image.find("width").text == "144"
    atom = etree.fromstring(client.get("/feed/atom/").content)
    ns = "{http://www.w3.org/2005/Atom}"
    assert atom.find(f"{ns}icon").text.startswith("http")
    assert atom.find(f"{ns}logo").text.endswith(".png")


def test_brand_change_shows_on_cached_pages_and_feeds(client):
    client.get("/")
    client.get("/feed/")
    seed_brand()
    assert b"site-title__logo" in client.get("/").content
    assert b"<image>" in client.get("/feed/").content
    brand = Brand.objects.get()
    brand.theme_colour = "#123456"
    brand.save()
    assert b'content="#123456"' in client.get("/").content


def test_demo_logo_svg_passes_our_own_cleaner():
    cleaned, size = clean_svg(logo_svg().encode())
    assert size == (290.0, 48.0) and b"Newsroom" in cleaned
    assert io.BytesIO(cleaned)


def test_brand_links_are_the_same_from_both_template_engines(db):
    """The public pages (Jinja2) and any Django template get the same favicon links."""
    django_html = Template("{% load site_chrome %}{% brand_links %}").render(Context())
    jinja_html = engines["jinja2"].from_string("{{ brand_links() }}").render()
    assert '<link rel="icon"' in django_html and "&lt;" not in django_html
    assert jinja_html == django_html
