"""Stored bodies as readers get them: library images, galleries, embeds, and the page's CSP."""

import re

import pytest
from django.template import Context, Template

from images.models import Image
from richtext.rendering import frame_origins, images_without_alt, render_body
from tests.factories import ArticleFactory, ImageFactory
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
MASTODON = "https://social.example.net/@desk/111222333444555666"


def embed(url: str, title: str = "") -> str:
    return f'<figure data-embed="x"><a href="{url}">{title or url}</a></figure>'


def test_a_library_image_becomes_a_responsive_picture_with_alt_caption_and_credit():
    image = ImageFactory(
        alt_text="Library alt", caption="Library caption", credit="Photo: Ana Ruiz", size=(900, 600)
    )
    image.make_renditions()
    assert Image.objects.get(pk=image.pk).renditions_ready
    html = render_body(
        f'<figure data-image-id="{image.pk}" data-alt="The ferry at the quay">'
        "<figcaption>Back in service on Monday</figcaption></figure>"
    )
    assert 'alt="The ferry at the quay"' in html
    assert re.search(r'srcset="[^"]+ \d+w, [^"]+ \d+w', html)  # several widths to choose from
    assert "Back in service on Monday" in html and "Photo: Ana Ruiz" in html
    assert "Library caption" not in html  # the body's own caption wins
    assert 'width="' in html and 'height="' in html


def test_a_body_image_without_its_own_words_uses_the_library_ones():
    image = ImageFactory(alt_text="Harbour at dusk", caption="The harbour tonight", credit="")
    html = render_body(f'<figure data-image-id="{image.pk}" data-alt=""></figure>')
    assert 'alt="Harbour at dusk"' in html
    assert "The harbour tonight" in html


def test_a_deleted_library_image_leaves_its_caption_only():
    image = ImageFactory()
    pk = image.pk
    image.delete()
    html = render_body(
        f'<figure data-image-id="{pk}" data-alt="x"><figcaption>Kept words</figcaption></figure>'
    )
    assert html == "<p>Kept words</p>"


def test_a_gallery_is_a_grid_of_its_library_images_in_order():
    first, second = ImageFactory(alt_text="First picture"), ImageFactory(alt_text="Second picture")
    html = render_body(
        f'<figure data-gallery="{second.pk} {first.pk}">'
        "<figcaption>Market day</figcaption></figure>"
    )
    assert 'class="gallery__grid"' in html
    assert html.index("Second picture") < html.index("First picture")
    assert "Market day" in html and html.count("<li>") == 2


def test_all_images_of_a_body_cost_one_query(django_assert_num_queries):
    images = [ImageFactory() for _ in range(4)]
    body = "".join(f'<figure data-image-id="{i.pk}" data-alt="a"></figure>' for i in images[:2])
    body += f'<figure data-gallery="{images[2].pk} {images[3].pk}"></figure>'
    with django_assert_num_queries(1):
        render_body(body)


def test_an_embed_is_a_click_to_load_placeholder_with_a_plain_link():
    html = render_body(embed(YOUTUBE, "Launch day"))
    assert "<iframe" not in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "YouTube" in html and "Launch day" in html
    assert f'href="{YOUTUBE}"' in html
    assert "<button" in html and "hidden" in html  # shown by the script; the link works without


def test_no_third_party_address_is_loaded_by_the_placeholder():
    html = str(
        render_body(
            embed(YOUTUBE)
            + embed(MASTODON)
            + embed("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC")
        )
    )
    assert " src=" not in html and "srcset" not in html


def test_any_other_address_is_a_link_card():
    html = render_body(embed("https://example.org/harbour-report", "Harbour report"))
    assert 'class="link-card"' in html and "example.org" in html and "Harbour report" in html
    assert "data-embed-src" not in html


def test_an_unsanitized_body_is_held_to_todays_rules():
    html = render_body(
        '<p onclick="x">Hi</p><script>alert(1)</script><iframe src="https://e.example/"></iframe>'
    )
    assert html == "<p>Hi</p>"


def test_frame_origins_are_exactly_the_players_of_the_body():
    body = embed(YOUTUBE) + embed(MASTODON) + embed(YOUTUBE) + embed("https://example.org/a")
    assert frame_origins(body) == ["https://social.example.net", "https://www.youtube-nocookie.com"]
    assert frame_origins("<p>No embeds</p>") == []


def test_the_template_filter_renders_a_body():
    template = Template("{% load richtext_tags %}{{ body|render_body }}")
    html = template.render(Context({"body": embed(YOUTUBE)}))
    assert "embed__placeholder" in html


def test_images_without_alt_count_body_images_galleries_and_old_img_tags():
    described = ImageFactory(alt_text="Described")
    blank = ImageFactory()
    Image.objects.filter(pk=blank.pk).update(alt_text="")
    assert images_without_alt(f'<figure data-image-id="{described.pk}" data-alt=""></figure>') == 0
    assert (
        images_without_alt(f'<figure data-image-id="{blank.pk}" data-alt="Own words"></figure>')
        == 0
    )
    assert images_without_alt(f'<figure data-image-id="{blank.pk}" data-alt=" "></figure>') == 1
    assert images_without_alt(f'<figure data-gallery="{described.pk} {blank.pk}"></figure>') == 1
    assert images_without_alt('<img src="/media/a.jpg"><img src="/media/b.jpg" alt="B">') == 1


# The article page -------------------------------------------------------------------------


def test_the_article_page_allows_frames_from_exactly_its_providers(client, article):
    article.body = "<p>Watch.</p>" + embed(YOUTUBE) + embed(MASTODON)
    article.save()
    response = client.get(article.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "frame-src https://social.example.net https://www.youtube-nocookie.com;" in policy + ";"
    assert "unsafe-inline" not in policy
    assert "js/embeds.js" in response.content.decode()
    again = client.get(article.get_absolute_url())  # from the page cache: same policy
    assert again["Content-Security-Policy"].split("frame-src")[1] == policy.split("frame-src")[1]


def test_a_page_without_embeds_allows_no_frames(client, article):
    response = client.get(article.get_absolute_url())
    assert "frame-src" not in response["Content-Security-Policy"]
    assert "js/embeds.js" not in response.content.decode()


def test_editing_a_body_image_retires_the_cached_page(client, article):
    image = ImageFactory(credit="Photo: First Credit")
    article.body = f'<figure data-image-id="{image.pk}" data-alt="a"></figure>'
    article.save()
    assert "First Credit" in client.get(article.get_absolute_url()).content.decode()
    image.credit = "Photo: Second Credit"
    image.save()
    assert "Second Credit" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 8])
def test_body_images_cost_one_query_whatever_their_number(client, section, author, count):
    images = [ImageFactory() for _ in range(count)]
    body = "".join(f'<figure data-image-id="{i.pk}" data-alt="a"></figure>' for i in images)
    plain = ArticleFactory(section=section, authors=[author], body="<p>Text.</p>")
    pictured = ArticleFactory(section=section, authors=[author], body=body)
    assert (
        queries_for(client, pictured.get_absolute_url())
        == queries_for(client, plain.get_absolute_url()) + 1
    )


def test_a_body_without_references_is_not_scanned_by_the_expressions(monkeypatch):
    from richtext import rendering

    class Refusing:
        def __getattr__(self, name):
            raise AssertionError(f"a body without <figure data-…> was scanned ({name})")

    for name in ("_IMAGE", "_GALLERY", "_EMBED"):
        monkeypatch.setattr(rendering, name, Refusing())
    body = "<h2>Plain</h2>" + "<p>Words about figures, data-embed= and data-image-id.</p>" * 200
    assert rendering.image_ids(body) == []
    assert rendering.body_tags(body) == []
    assert rendering.embeds_in(body) == []
    assert frame_origins(body) == []
    assert render_body(body) == body
