"""Images on public pages: <picture>/srcset markup, sizes, dimensions and loading hints."""

import re

import pytest
from django.template import Context, Template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from images.templatetags import images_tags
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db


def render(image, arguments: str = "") -> str:
    template = Template("{% load images_tags %}{% picture image " + arguments + " %}")
    return template.render(Context({"image": image}))


def test_before_renditions_exist_the_original_is_shown_with_its_size():
    image = ImageFactory(size=(800, 600), alt_text="Boats in the harbour")
    html = render(image, '"lead"')
    assert "<picture" not in html
    assert f'src="{image.file.url}"' in html
    assert 'width="800" height="600"' in html
    assert 'alt="Boats in the harbour"' in html


def test_lead_picture_has_webp_and_jpeg_srcsets_sizes_and_priority():
    image = ImageFactory(size=(2000, 1000), alt_text="Boats")
    image.make_renditions()
    html = render(image, '"lead" priority=True')
    assert html.startswith('<picture><source type="image/webp"')
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', html)
    assert [entry.rsplit(" ", 1)[1] for entry in webp.group(1).split(", ")] == [
        "320w", "640w", "960w", "1280w", "1920w"
    ]  # fmt: skip
    assert all(entry.split(" ")[0].endswith(".webp") for entry in webp.group(1).split(", "))
    assert webp.group(2) == "(min-width: 60rem) 42rem, calc(100vw - 2rem)"
    img = re.search(r"<img [^>]+>", html).group(0)
    assert re.search(r'srcset="[^"]+original-320x160\.jpg 320w, ', img)
    assert 'src="' in img and "original-640x320.jpg" in img
    assert 'width="1920" height="960"' in img
    assert 'fetchpriority="high"' in img and 'loading="lazy"' not in img
    assert 'decoding="async"' in img


def test_images_below_the_fold_are_lazy_and_async():
    image = ImageFactory(size=(1600, 900))
    image.make_renditions()
    html = render(image, '"teaser" alt=""')
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    assert 'alt=""' in html and "fetchpriority" not in html
    assert "16x9-1280x720.webp 1280w" in html
    assert 'width="1280" height="720"' in html


def test_avatar_is_a_square_crop_at_its_display_size():
    image = ImageFactory(size=(900, 600))
    image.make_renditions()
    html = render(image, '"avatar" css_class="author-box__photo"')
    assert 'width="96" height="96"' in html and 'sizes="96px"' in html
    assert "1x1-192x192.jpg 192w" in html and 'class="author-box__photo"' in html
    assert re.search(r'<img src="[^"]+/1x1-192x192\.jpg"', html)  # 2× its display size


def test_alt_text_is_escaped():
    image = ImageFactory(alt_text='A "quoted" <b>caption</b>')
    assert 'alt="A &quot;quoted&quot; &lt;b&gt;caption&lt;/b&gt;"' in render(image)


def test_no_image_renders_nothing():
    assert render(None) == ""


def test_article_page_lead_image_caption_credit_and_author_photo(client, section):
    image = ImageFactory(
        size=(1600, 1000), alt_text="The harbour", caption="Library caption", credit="Photo: Jo"
    )
    image.make_renditions()
    author = AuthorFactory(name="Kim Lee", photo=image)
    article = ArticleFactory(section=section, authors=[author], lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    lead = re.search(r'<figure class="lead-image">.*?</figure>', html, re.S).group(0)
    assert "<picture>" in lead and 'fetchpriority="high"' in lead
    assert 'alt="The harbour"' in lead
    assert "Library caption" in lead and '<span class="credit">Photo: Jo</span>' in lead
    box = re.search(r'<section class="author-box".*?</section>', html, re.S).group(0)
    assert 'class="author-box__photo"' in box and 'loading="lazy"' in box

    article.lead_image_caption = "This story's own caption"
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "This story&#39;s own caption" in html and "Library caption" not in html


def test_teasers_use_the_16_by_9_crop_and_the_home_lead_loads_first(client, section):
    image = ImageFactory(size=(1600, 1000))
    image.make_renditions()
    ArticleFactory(section=section, lead_image=image)
    ArticleFactory(section=section, lead_image=image)
    html = client.get("/").content.decode()
    teasers = re.findall(r'<a class="teaser__image".*?</a>', html, re.S)
    assert len(teasers) >= 2
    assert 'fetchpriority="high"' in teasers[0] and 'loading="lazy"' not in teasers[0]
    assert 'loading="lazy"' in teasers[1]
    assert html.count("teaser--lead") == 1  # only the top story is the page's lead
    assert all("16x9-" in teaser and 'alt=""' in teaser for teaser in teasers)
    assert 'sizes="(min-width: 75rem) 47rem' in teasers[0]


def test_author_page_shows_the_portrait(client):
    image = ImageFactory(size=(500, 500))
    image.make_renditions()
    author = AuthorFactory(photo=image)
    html = client.get(author.get_absolute_url()).content.decode()
    assert 'class="author-profile__photo"' in html and 'width="160" height="160"' in html


def test_every_linked_image_file_is_free_of_metadata(client, section, settings):
    """What a reader's browser can fetch from an article page carries no EXIF or GPS."""
    from django.core.files.base import ContentFile

    from images.models import Image
    from tests.test_images import assert_no_metadata, phone_photo

    image = Image.from_upload(ContentFile(phone_photo(), name="p.jpg"), alt_text="Flag")
    image.make_renditions()
    article = ArticleFactory(section=section, lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    urls = set(re.findall(r"(/media/[^\s\"]+)", html))
    assert len(urls) >= 2
    for url in urls:
        path = settings.MEDIA_ROOT / url.removeprefix("/media/")
        assert_no_metadata(path.read_bytes())


def test_rendition_urls_follow_a_change_of_the_media_url(settings):
    image = ImageFactory(size=(1600, 900))
    image.make_renditions()
    assert 'src="/media/images/renditions/' in render(image, '"teaser" alt=""')
    settings.MEDIA_URL = "https://media.example.org/files/"
    html = render(image, '"teaser" alt=""')
    assert 'src="https://media.example.org/files/images/renditions/' in html
    assert "/media/images/" not in html


def test_signed_media_urls_are_asked_for_every_time(monkeypatch):
    """A storage that signs its URLs (S3 with AWS_QUERYSTRING_AUTH) gives each one an expiry:
    they are never kept between pictures."""
    from django.core.files.storage import default_storage

    from images.media_urls import media_url

    default_storage._setup()
    signed = iter(range(1000))
    monkeypatch.setattr(default_storage._wrapped, "querystring_auth", True, raising=False)
    monkeypatch.setattr(
        default_storage._wrapped, "url", lambda name: f"/signed/{name}?sig={next(signed)}"
    )
    assert media_url("renditions/a.jpg") == "/signed/renditions/a.jpg?sig=0"
    assert media_url("renditions/a.jpg") == "/signed/renditions/a.jpg?sig=1"


ESCAPED = [
    "plain",
    "",
    "<b>'quoted' & \"double\"</b>",
    640,
    None,
    mark_safe("<em>safe</em>"),
    gettext_lazy("Photo: <staff>"),
]


@pytest.mark.parametrize("value", ESCAPED)
def test_attribute_values_are_escaped_as_django_escapes_them(value):
    assert images_tags.escape(value) == conditional_escape(value)
