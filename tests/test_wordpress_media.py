"""WordPress import: images, galleries, covers, video and audio inside bodies, and the old
addresses of the uploads."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from images.models import Image as LibraryImage
from importers.models import WordPressUpload
from tests.test_wordpress_identity import export
from tests.test_wordpress_import import snapshot

pytestmark = pytest.mark.django_db

SITE = "https://gazette.example"
UP = f"{SITE}/wp-content/uploads/2013/03"

CLASSIC = f"""Intro paragraph.

<img class="alignnone size-medium wp-image-50" src="{UP}/photo-300x200.jpg" alt="Boats at dawn" \
width="300" height="200" srcset="{UP}/photo-300x200.jpg 300w, {UP}/photo-1024x683.jpg 1024w" />

[caption id="attachment_51" align="aligncenter" width="640"]<img src="{UP}/harbour.png" \
alt="" width="640" /> The harbour wall[/caption]

[gallery ids="50,51,52"]

<img src="{UP}/lost.jpg" alt="A lost picture" />

[video mp4="{UP}/clip.mp4"][/video]

[audio mp3="{UP}/interview.mp3"]

[video src="{UP}/gone.mp4"]

Outro."""

BLOCKS = f"""<!-- wp:image {{"id":50}} -->
<figure class="wp-block-image size-large"><img src="{UP}/photo-1024x683.jpg" alt="Boats again" \
class="wp-image-50"/><figcaption>Dawn, again</figcaption></figure>
<!-- /wp:image -->
<!-- wp:gallery -->
<figure class="wp-block-gallery has-nested-images"><figure class="wp-block-image"><img \
src="{UP}/photo.jpg" alt="First view" class="wp-image-50"/></figure><figure \
class="wp-block-image"><img src="{UP}/harbour.png" alt="Second view" data-id="51"/></figure>\
<figcaption class="blocks-gallery-caption">Two views</figcaption></figure>
<!-- /wp:gallery -->
<!-- wp:cover -->
<div class="wp-block-cover"><span class="wp-block-cover__background"></span><img \
class="wp-block-cover__image-background wp-image-51" alt="" src="{UP}/harbour.png"/><div \
class="wp-block-cover__inner-container"><p>Over the cover</p></div></div>
<!-- /wp:cover -->
<!-- wp:video -->
<figure class="wp-block-video"><video controls src="{UP}/clip.mp4"></video>\
<figcaption>The clip</figcaption></figure>
<!-- /wp:video -->
<!-- wp:paragraph -->
<p>Lost again: <img src="{UP}/lost.jpg" alt="Lost inline"> end.</p>
<!-- /wp:paragraph -->"""


def item(post_id: int, content: str, post_type: str = "post", extra: str = "") -> str:
    return f"""<item><title>Story {post_id}</title><link>{SITE}/2013/03/story-{post_id}/</link>
<dc:creator>mara</dc:creator><guid isPermaLink="false">{SITE}/?p={post_id}</guid>
<content:encoded><![CDATA[{content}]]></content:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2013-03-02 10:00:00</wp:post_date_gmt>
<wp:post_name>story-{post_id}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>{post_type}</wp:post_type>
<category domain="category" nicename="news">News</category>{extra}</item>"""


def attachment(post_id: int, name: str, alt: str = "", parent: int = 0) -> str:
    return f"""<item><title>{name}</title><link>{SITE}/2013/03/story-10/{name}/</link>
<guid isPermaLink="false">{UP}/{name}</guid><wp:post_id>{post_id}</wp:post_id>
<wp:post_parent>{parent}</wp:post_parent><wp:status>inherit</wp:status>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>{UP}/{name}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
<wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta></item>"""


ATTACHMENTS = [
    attachment(50, "photo.jpg", "Boats in the harbour", parent=10),
    attachment(51, "harbour.png", "The harbour wall from the sea", parent=10),
    attachment(52, "missing.jpg", "Never copied", parent=10),
]


def write_export(path: Path, posts: list[str]) -> Path:
    return export(path, [*posts, *ATTACHMENTS], blog=SITE, site=SITE)


@pytest.fixture
def media_dir(tmp_path) -> Path:
    folder = tmp_path / "uploads" / "2013" / "03"
    folder.mkdir(parents=True)
    Image.new("RGB", (64, 48), (20, 90, 160)).save(folder / "photo.jpg")
    Image.new("RGB", (30, 20), (200, 90, 16)).save(folder / "photo-300x200.jpg")
    Image.new("RGB", (40, 40), (10, 200, 16)).save(folder / "harbour.png")
    (folder / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not really a film")
    (folder / "interview.mp3").write_bytes(b"ID3 not really a recording")
    return tmp_path / "uploads"


def run(path: Path, media_dir: Path | None = None, **options) -> str:
    out = StringIO()
    options = {"media_dir": media_dir, **options} if media_dir else options
    call_command("import_wordpress", str(path), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def body(post_id: int) -> str:
    return Article.objects.get(wordpress_source__wp_post_id=post_id).body


def image_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-image-id="(\d+)"', html)]


def library(name: str) -> LibraryImage:
    return WordPressUpload.objects.get(path=f"2013/03/{name}").image


def test_body_images_captions_and_galleries_become_library_references(tmp_path, media_dir):
    out = run(write_export(tmp_path / "a.xml", [item(10, CLASSIC), item(11, BLOCKS)]), media_dir)
    photo, harbour = library("photo.jpg"), library("harbour.png")
    classic, blocks = body(10), body(11)
    # The -300x200 copy and the srcset sizes lead to the full-size file, named by wp-image-50.
    assert f'<figure data-image-id="{photo.pk}" data-alt="Boats at dawn"></figure>' in classic
    # No alt on the <img>: the attachment's; the [caption] kept.
    assert (
        f'<figure data-image-id="{harbour.pk}" data-alt="The harbour wall from the sea">'
        "<figcaption>The harbour wall</figcaption></figure>"
    ) in classic
    assert f'<figure data-gallery="{photo.pk} {harbour.pk}"></figure>' in classic
    assert (
        f'<figure data-image-id="{photo.pk}" data-alt="Boats again">'
        "<figcaption>Dawn, again</figcaption></figure>"
    ) in blocks
    assert (
        f'<figure data-gallery="{photo.pk} {harbour.pk}"><figcaption>Two views</figcaption>'
    ) in blocks
    # The cover keeps its image, then its text.
    assert 'data-alt="The harbour wall from the sea"></figure><p>Over the cover</p>' in blocks
    assert "gazette.example" not in classic + blocks
    assert "images in bodies: 2 imported" in out
    assert "galleries: 2 imported" in out


def test_the_same_file_in_many_places_is_one_library_image(tmp_path, media_dir):
    run(write_export(tmp_path / "a.xml", [item(10, CLASSIC), item(11, BLOCKS)]), media_dir)
    assert LibraryImage.objects.count() == 2
    assert library("photo.jpg").alt_text == "Boats in the harbour"  # the attachment's
    # An identical file under another name, in a later import, is the same library image too.
    folder = media_dir / "2013" / "03"
    (folder / "copy.jpg").write_bytes((folder / "photo.jpg").read_bytes())
    run(
        write_export(tmp_path / "b.xml", [item(12, f'<img src="{UP}/copy.jpg" alt="x">')]),
        media_dir,
    )
    assert LibraryImage.objects.count() == 2
    assert image_ids(body(12)) == [library("photo.jpg").pk]


def test_missing_images_keep_their_words_and_are_listed_once_with_their_posts(tmp_path, media_dir):
    out = run(write_export(tmp_path / "a.xml", [item(10, CLASSIC), item(11, BLOCKS)]), media_dir)
    assert "<p>A lost picture</p>" in body(10)
    assert "<p>Lost again:  end.</p><p>Lost inline</p>" in body(11)
    assert "<img" not in body(10) + body(11)
    assert out.count("uploads/2013/03/lost.jpg") == 1
    assert f"  {UP}/lost.jpg (used by post 10 (line 7), post 11 (line 29))" in out
    assert f"  {UP}/missing.jpg (used by post 10 (line 7))" in out  # gallery image 52


def test_without_the_media_folder_bodies_keep_text_and_a_later_run_adds_the_pictures(
    tmp_path, media_dir
):
    path = write_export(tmp_path / "a.xml", [item(10, CLASSIC)])
    run(path)
    assert "data-image-id" not in body(10)
    assert "<p>The harbour wall</p>" in body(10)
    assert "<p>Boats at dawn</p>" in body(10)
    out = run(path, media_dir)
    assert "posts: 1 updated" in out
    assert len(image_ids(body(10))) == 2


def test_video_and_audio_files_are_stored_and_play_from_our_media(tmp_path, media_dir, client):
    out = run(write_export(tmp_path / "a.xml", [item(10, CLASSIC), item(11, BLOCKS)]), media_dir)
    classic = body(10)
    videos = re.findall(r'<video controls="" preload="metadata" src="([^"]+)"></video>', classic)
    audios = re.findall(r'<audio controls="" preload="metadata" src="([^"]+)"></audio>', classic)
    assert len(videos) == 1 and len(audios) == 1
    assert videos[0].startswith(settings.MEDIA_URL) and audios[0].endswith(".mp3")
    stored = Path(settings.MEDIA_ROOT) / videos[0].removeprefix(settings.MEDIA_URL)
    assert stored.read_bytes().startswith(b"\x00\x00\x00\x18ftyp")
    # The block's video is the same file: stored once, its caption kept.
    assert f'<figure><video controls="" preload="metadata" src="{videos[0]}"></video>' in body(11)
    assert "<figcaption>The clip</figcaption>" in body(11)
    assert "<p>Video not imported: gone.mp4</p>" in classic
    assert f"  {UP}/gone.mp4 (used by post 10 (line 7))" in out
    assert "video and audio: 2 imported, 1 not found" in out


def test_the_public_page_shows_the_pictures_and_players_and_nothing_from_the_old_host(
    tmp_path, media_dir, client
):
    run(write_export(tmp_path / "a.xml", [item(10, CLASSIC), item(11, BLOCKS)]), media_dir)
    for post_id in (10, 11):
        response = client.get(
            Article.objects.get(wordpress_source__wp_post_id=post_id).get_absolute_url()
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "gazette.example" not in page
        assert 'class="body-image"' in page and 'class="gallery"' in page
        assert "<video controls" in page
        assert "'self'" in response["Content-Security-Policy"].split("media-src", 1)[1]
    assert (
        'alt="Boats at dawn"'
        in client.get(
            Article.objects.get(wordpress_source__wp_post_id=10).get_absolute_url()
        ).content.decode()
    )


def test_a_second_run_writes_nothing_and_stores_no_file_twice(tmp_path, media_dir):
    path = write_export(tmp_path / "a.xml", [item(10, CLASSIC), item(11, BLOCKS)])
    run(path, media_dir)
    before = snapshot(), list(LibraryImage.objects.values()), list(WordPressUpload.objects.values())
    files = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    out = run(path, media_dir)
    assert "posts: 2 unchanged" in out
    after = snapshot(), list(LibraryImage.objects.values()), list(WordPressUpload.objects.values())
    assert after == before
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == files


def test_a_bare_gallery_shows_the_posts_attached_images(tmp_path, media_dir):
    run(write_export(tmp_path / "a.xml", [item(10, "Look: [gallery columns=2]")]), media_dir)
    gallery = re.search(r'data-gallery="([\d ]+)"', body(10))[1]
    assert gallery == f"{library('photo.jpg').pk} {library('harbour.png').pk}"


def test_old_upload_addresses_answer_301_to_the_new_image(tmp_path, media_dir, client):
    run(write_export(tmp_path / "a.xml", [item(10, CLASSIC)]), media_dir)
    photo = library("photo.jpg")
    for path in (
        "/wp-content/uploads/2013/03/photo.jpg",
        "/wp-content/uploads/2013/03/photo-300x200.jpg",
        "/?attachment_id=50",
    ):
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"] == photo.file.url
    # The attachment's page on the old site, through the redirect table.
    response = client.get("/2013/03/story-10/photo.jpg/", follow=True)
    assert response.redirect_chain[-1][0] == photo.file.url
    video = client.get("/wp-content/uploads/2013/03/clip.mp4")
    assert video.status_code == 301 and video["Location"].startswith(settings.MEDIA_URL)
    # Unknown files and the site's own query strings are left alone.
    assert client.get("/wp-content/uploads/2013/03/lost.jpg").status_code == 404
    assert client.get("/?attachment_id=999").status_code == 200
    assert client.get("/?attachment_id=abc").status_code == 200
    assert client.get("/search/?attachment_id=50").status_code == 200


OLDER_BLOCKS = f"""<!-- wp:gallery -->
<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid"><li \
class="blocks-gallery-item"><figure><img src="{UP}/photo-300x200.jpg" alt="Grid one" \
data-id="50" class="wp-image-50"/><figcaption class="blocks-gallery-item__caption">One\
</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="{UP}/missing.jpg" \
alt="Grid two" data-id="52"/></figure></li></ul></figure>
<!-- /wp:gallery -->
<!-- wp:cover -->
<div class="wp-block-cover has-background-dim" style="background-image:url({UP}/harbour.png)">\
<div class="wp-block-cover__inner-container"><h2>Cover words</h2></div></div>
<!-- /wp:cover -->
<!-- wp:media-text -->
<div class="wp-block-media-text alignwide"><figure class="wp-block-media-text__media"><img \
src="{UP}/photo.jpg" alt="Beside the text" class="wp-image-50"/></figure><div \
class="wp-block-media-text__content"><p>Text beside it.</p></div></div>
<!-- /wp:media-text -->
<p>[video src="https://www.youtube.com/watch?v=abc123"]</p>
[playlist ids="60"]"""


def test_older_gallery_grids_background_covers_media_and_text_and_playlists(tmp_path, media_dir):
    mp3 = attachment(60, "interview.mp3")
    out = run(write_export(tmp_path / "a.xml", [item(11, OLDER_BLOCKS), mp3]), media_dir)
    photo, harbour = library("photo.jpg"), library("harbour.png")
    stored = body(11)
    assert f'<figure data-gallery="{photo.pk}"></figure>' in stored  # the missing one left out
    assert f"{UP}/missing.jpg (used by post 11" in out
    assert (
        f'<figure data-image-id="{harbour.pk}" data-alt="The harbour wall from the sea"></figure>'
        "<h2>Cover words</h2>"
    ) in stored
    assert (
        f'<figure data-image-id="{photo.pk}" data-alt="Beside the text"></figure>'
        "<p>Text beside it.</p>"
    ) in stored
    # Another site's video is left as a link (embeds turn such links into players).
    assert '<a href="https://www.youtube.com/watch?v=abc123"' in stored
    assert re.search(r'<audio controls="" preload="metadata" src="[^"]+\.mp3"></audio>', stored)
    assert "gazette.example" not in stored


def test_a_gallery_keeps_each_pictures_own_caption_and_shows_it(tmp_path, media_dir, client):
    gallery = f"""<!-- wp:gallery -->
<figure class="wp-block-gallery has-nested-images"><figure class="wp-block-image"><img \
src="{UP}/photo.jpg" alt="First view" class="wp-image-50"/><figcaption>The boats, \
<em>freshly</em> painted</figcaption></figure><figure class="wp-block-image"><img \
src="{UP}/harbour.png" alt="Second view" data-id="51"/></figure>\
<figcaption class="blocks-gallery-caption">Two views</figcaption></figure>
<!-- /wp:gallery -->"""
    run(write_export(tmp_path / "a.xml", [item(12, gallery)]), media_dir)
    photo, harbour = library("photo.jpg"), library("harbour.png")
    assert (photo.caption, harbour.caption) == ("The boats, freshly painted", "")
    html = client.get(Article.objects.get().get_absolute_url()).content.decode()
    assert (
        '<figure class="gallery__item"><img src="' in html
        and "<figcaption>The boats, freshly painted</figcaption></figure></li>" in html
    )
    assert html.count('class="gallery__item"') == 1  # no empty caption for the other picture
    assert "<figcaption>Two views" in html
