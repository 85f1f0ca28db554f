"""The image library: what uploads are accepted, what is stored, and what renditions are made."""

import io
import struct
import zlib
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import RequestFactory
from PIL import Image as PILImage

from images import media_urls, renditions
from images.models import Image
from images.originals import clean_upload
from images.views import serve_media
from tests.factories import ImageFactory, image_bytes

pytestmark = pytest.mark.django_db

GPS_LATITUDE = (51.0, 30.0, 12.5)


def upload(data: bytes, name: str = "photo.jpg") -> ContentFile:
    return ContentFile(data, name=name)


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def phone_photo() -> bytes:
    """A 40×20 JPEG, red left half and blue right half, stored sideways (EXIF orientation 6:
    "rotate 90° clockwise to display"), with GPS coordinates, camera make, XMP and a comment."""
    image = PILImage.new("RGB", (40, 20), "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    exif = PILImage.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "SpyCam Industries"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LATITUDE, "W", (0.0, 7.0, 39.0)
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SecretLocation</x:xmpmeta>'
    image.save(buffer, "JPEG", exif=exif, comment=b"shot at home", xmp=xmp, quality=95)
    return buffer.getvalue()


def assert_no_metadata(data: bytes) -> None:
    with PILImage.open(io.BytesIO(data)) as image:
        assert not image.getexif(), "EXIF survived"
        assert not set(image.info) & {"exif", "xmp", "XML:com.adobe.xmp", "comment", "dpi"}
    for marker in (b"Exif\x00\x00", b"SpyCam", b"SecretLocation", b"shot at home", b"GPS"):
        assert marker not in data, marker


# Accepted formats --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "extension"),
    [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif"), ("AVIF", "avif")],
)
def test_each_accepted_format_is_stored_under_its_real_extension(format, extension):
    image = Image.from_upload(upload(image_bytes((30, 20), format=format)), alt_text="A square")
    assert image.file.name.endswith(f".{extension}")
    assert (image.width, image.height) == (30, 20)
    with image.file.open("rb") as stored, PILImage.open(stored) as decoded:
        assert decoded.format == format


def test_a_png_renamed_to_jpg_is_stored_as_the_png_it_is():
    image = Image.from_upload(upload(image_bytes(format="PNG"), "holiday.jpg"), alt_text="x")
    assert image.file.name.endswith(".png")


def test_transparency_is_kept_and_its_fallback_is_png():
    data = image_bytes((50, 40), colour=(0, 128, 0, 100), format="PNG", mode="RGBA")
    image = Image.from_upload(upload(data, "logo.png"), alt_text="Logo")
    assert image.has_alpha
    assert all(r.fallback_format == "png" for r in image.rendition_plan)


def test_the_same_photo_uploaded_twice_shares_one_stored_file(settings):
    first = ImageFactory(colour="teal")
    second = ImageFactory(colour="teal")
    assert first.file.name == second.file.name
    assert len(stored_files(settings)) == 1
    first.delete()
    assert second.file.storage.exists(second.file.name)


# Refused uploads ------------------------------------------------------------------------


def _refused(data: bytes, name: str = "photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Image.from_upload(upload(data, name), alt_text="Anything")
    return caught.value


def test_a_text_file_named_jpg_is_refused_and_nothing_is_kept(settings):
    error = _refused(b"Just some notes, not a photo at all.\n" * 20, "notes.jpg")
    assert error.code == "not_an_image"
    assert "not an image we accept" in error.messages[0]
    assert not Image.objects.exists() and stored_files(settings) == []


def test_a_truncated_jpeg_is_refused_as_damaged(settings):
    data = image_bytes((400, 300), colour="orange")
    error = _refused(data[: len(data) // 2])
    assert error.code == "corrupt"
    assert "damaged" in error.messages[0]
    assert not Image.objects.exists() and stored_files(settings) == []


def test_a_file_in_a_format_we_do_not_accept_is_refused():
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, "BMP")
    assert _refused(buffer.getvalue(), "picture.bmp").code == "not_an_image"


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header claims `width`×`height`: a decompression bomb's shape."""
    data = bytearray(image_bytes((8, 8), format="PNG", mode="L"))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def test_a_decompression_bomb_is_refused_from_its_header(settings):
    error = _refused(_png_claiming(40_000, 40_000), "bomb.png")
    assert error.code == "too_many_pixels"
    assert "the limit is 60 megapixels" in error.messages[0]
    assert not Image.objects.exists() and stored_files(settings) == []


def test_the_pixel_limit_comes_from_settings(settings):
    settings.IMAGES_MAX_PIXELS = 100 * 100
    error = _refused(image_bytes((101, 100)))
    assert error.code == "too_many_pixels"
    assert "101×100 pixels" in error.messages[0]
    assert Image.from_upload(upload(image_bytes((100, 100))), alt_text="ok").pk


def test_an_oversized_file_is_refused_with_its_size_and_the_limit(settings):
    settings.IMAGES_MAX_UPLOAD_BYTES = 1000
    error = _refused(image_bytes((300, 300), colour="red") + b"\0" * 2000)
    assert error.code == "too_large"
    assert "the limit is 1000" in error.messages[0]


def test_an_empty_file_is_refused():
    assert _refused(b"").code == "empty"


# Orientation and metadata ----------------------------------------------------------------


def test_exif_orientation_is_applied_and_gps_and_metadata_are_removed():
    source = phone_photo()
    with PILImage.open(io.BytesIO(source)) as raw:  # the test photo really carries them
        assert raw.getexif().get_ifd(0x8825)[2] == GPS_LATITUDE
    image = Image.from_upload(upload(source), alt_text="A flag")
    data = image.file.read()
    assert_no_metadata(data)
    with PILImage.open(io.BytesIO(data)) as stored:
        assert stored.size == (20, 40)  # upright: the sideways photo was turned
        red, _, blue = stored.convert("RGB").getpixel((10, 5))
        assert red > 200 and blue < 60  # the left (red) half is now the top
        red, _, blue = stored.convert("RGB").getpixel((10, 35))
        assert blue > 200 and red < 60
    assert (image.width, image.height) == (20, 40)


def test_png_text_and_exif_chunks_are_removed():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "SecretLocation")
    exif = PILImage.Exif()
    exif[0x010F] = "SpyCam Industries"
    buffer = io.BytesIO()
    PILImage.new("RGB", (30, 30), "green").save(buffer, "PNG", pnginfo=info, exif=exif)
    image = Image.from_upload(upload(buffer.getvalue(), "shot.png"), alt_text="Green")
    assert_no_metadata(image.file.read())


def test_renditions_carry_no_metadata_either(settings):
    image = Image.from_upload(upload(phone_photo()), alt_text="A flag")
    image.make_renditions()
    files = [p for p in stored_files(settings) if renditions.RENDITIONS_DIR in str(p)]
    assert files
    for path in files:
        assert_no_metadata(path.read_bytes())


# Focal-point crops -----------------------------------------------------------------------


@pytest.mark.parametrize("size", [(6000, 4000), (4000, 6000), (1000, 1000), (1200, 630), (7, 3)])
@pytest.mark.parametrize("focal", [(0, 0), (100, 100), (50, 50), (3, 97), (90, 10), (66, 33)])
@pytest.mark.parametrize("ratio", [Fraction(16, 9), Fraction(1, 1), Fraction(1200, 630)])
def test_focal_crop_keeps_the_focal_point_inside_and_the_ratio(size, focal, ratio):
    width, height = size
    left, top, right, bottom = renditions.focal_box(width, height, ratio, *focal)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    point = (width * focal[0] / 100, height * focal[1] / 100)
    assert left <= point[0] <= right and top <= point[1] <= bottom
    if min(right - left, bottom - top) > 100:
        assert abs(Fraction(right - left, bottom - top) - ratio) < Fraction(1, 100)
    assert right - left == width or bottom - top == height  # the largest box that fits


def test_focal_crop_is_centred_on_the_focal_point_when_it_can_be():
    box = renditions.focal_box(6000, 4000, Fraction(1, 1), 30, 50)
    assert box == (0, 0, 4000, 4000)  # pushed against the left edge
    box = renditions.focal_box(6000, 4000, Fraction(1, 1), 60, 50)
    assert box == (1600, 0, 5600, 4000)  # centred on x = 3600


def test_crop_renditions_show_the_focal_point(settings):
    """A white dot on black, near the right edge: the square crop must contain it."""
    photo = PILImage.new("RGB", (1600, 400), "black")
    photo.paste((255, 255, 255), (1480, 180, 1520, 220))
    buffer = io.BytesIO()
    photo.save(buffer, "PNG")
    image = Image.from_upload(upload(buffer.getvalue(), "dot.png"), alt_text="Dot")
    image.focal_x, image.focal_y = 94, 50
    image.store()
    image.make_renditions()
    square = image.renditions_of("1x1")[-1]
    name = renditions.rendition_name(image.renditions_key, square, "jpg")
    with PILImage.open(Path(settings.MEDIA_ROOT) / name) as crop:
        assert crop.size == (400, 400)
        assert crop.convert("L").getextrema()[1] > 200  # the dot is in the crop


# The rendition plan ----------------------------------------------------------------------


def test_renditions_never_upscale():
    plan = renditions.plan(500, 300, False, 50, 50)
    for rendition in plan:
        assert rendition.width <= rendition.box[2] - rendition.box[0]
        assert rendition.height <= rendition.box[3] - rendition.box[1] + 1
    widths = [r.width for r in plan if r.family == "original"]
    assert widths == [320, 500]  # the full width stands in for the larger sizes
    social = [r for r in plan if r.family == "social"]
    assert [(r.width, r.height) for r in social] == [(500, 262)]


def test_a_large_photo_gets_every_layout_width_and_crop():
    plan = renditions.plan(6000, 4000, False, 50, 50)
    by_family = {}
    for r in plan:
        by_family.setdefault(r.family, []).append((r.width, r.height))
    assert by_family["original"] == [(w, round(w * 2 / 3)) for w in (320, 640, 960, 1280, 1920)]
    assert by_family["16x9"][-1] == (1280, 720)
    assert by_family["1x1"][0] == (96, 96)
    assert by_family["social"] == [(1200, 630)]
    assert by_family["4x3"] == [(1200, 900)]
    jpeg_only = ("social", "4x3")  # read by crawlers, which want JPEG
    assert all(r.formats == ("webp", "jpg") for r in plan if r.family not in jpeg_only)
    assert all(r.formats == ("jpg",) for r in plan if r.family in jpeg_only)


def test_renditions_are_generated_once(settings):
    image = ImageFactory(size=(1400, 1000))
    written = image.make_renditions()
    expected = sum(len(r.formats) for r in image.rendition_plan)
    assert written == expected
    files = {p: p.stat().st_mtime_ns for p in stored_files(settings)}
    assert image.make_renditions() == 0
    assert {p: p.stat().st_mtime_ns for p in stored_files(settings)} == files
    image.refresh_from_db()
    assert image.renditions_ready


def test_renditions_have_the_planned_sizes_and_formats(settings):
    image = ImageFactory(size=(1400, 1000))
    image.make_renditions()
    for rendition in image.rendition_plan:
        for extension in rendition.formats:
            name = renditions.rendition_name(image.renditions_key, rendition, extension)
            with PILImage.open(Path(settings.MEDIA_ROOT) / name) as output:
                assert output.size == (rendition.width, rendition.height)
                assert output.format == {"webp": "WEBP", "jpg": "JPEG", "png": "PNG"}[extension]


def test_an_upload_queues_its_renditions_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        image = ImageFactory(size=(700, 500))
    assert len(callbacks) == 1
    image.refresh_from_db()
    assert image.renditions_ready


def test_moving_the_focal_point_makes_new_renditions_and_removes_the_old(settings):
    image = ImageFactory(size=(1400, 1000))
    image.make_renditions()
    old_key = image.renditions_key
    image.focal_x = 10
    image.save()
    assert not image.renditions_ready  # pages fall back to the original meanwhile
    image.make_renditions()
    assert image.renditions_key != old_key and image.renditions_ready
    assert not any(old_key in str(path) for path in stored_files(settings))


def test_deleting_an_image_removes_its_files(settings, django_capture_on_commit_callbacks):
    image = ImageFactory(size=(700, 500))
    image.make_renditions()
    assert stored_files(settings)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert stored_files(settings) == []


def test_replacing_the_file_removes_the_old_original_and_renditions(
    settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(size=(700, 500), colour="red")
    image.refresh_from_db()
    old_name, old_key = image.file.name, image.renditions_key
    assert old_key
    with django_capture_on_commit_callbacks(execute=True):
        image.store(clean_upload(upload(image_bytes((800, 400), colour="blue"))))
    image.refresh_from_db()
    assert image.file.name != old_name and (image.width, image.height) == (800, 400)
    assert image.renditions_ready and image.renditions_key != old_key
    names = [str(path) for path in stored_files(settings)]
    assert [n for n in names if old_name in n or old_key in n] == []
    assert any(image.file.name in name for name in names)


def test_an_animated_gif_keeps_its_first_frame():
    frames = [PILImage.new("P", (20, 20), index) for index in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    image = Image.from_upload(upload(buffer.getvalue(), "spin.gif"), alt_text="Spinner")
    with image.file.open("rb") as stored, PILImage.open(stored) as decoded:
        assert getattr(decoded, "n_frames", 1) == 1


def test_a_cmyk_jpeg_is_stored_as_rgb():
    buffer = io.BytesIO()
    PILImage.new("CMYK", (30, 20), (0, 255, 255, 0)).save(buffer, "JPEG")
    image = Image.from_upload(upload(buffer.getvalue()), alt_text="Print file")
    with image.file.open("rb") as stored, PILImage.open(stored) as decoded:
        assert decoded.mode == "RGB"
    image.make_renditions()
    assert image.renditions_ready


def test_generate_renditions_command_makes_what_is_missing(capsys):
    images = [ImageFactory(size=(400, 300), colour=colour) for colour in ("red", "blue")]
    call_command("generate_renditions", "--check")
    assert "2 image(s) need renditions" in capsys.readouterr().out
    call_command("generate_renditions")
    assert all(Image.objects.get(pk=image.pk).renditions_ready for image in images)
    call_command("generate_renditions")
    assert "Renditions ready for 0 image(s)" in capsys.readouterr().out


def test_social_url_is_the_1200_by_630_jpeg():
    image = ImageFactory(size=(2400, 1600))
    assert image.social_url() == image.file.url  # before renditions exist
    image.make_renditions()
    assert image.social_url().endswith("/social-1200x630.jpg")
    assert image.social_size() == (1200, 630)


def test_the_originals_url_is_the_storages_asked_once(monkeypatch):
    image = ImageFactory()
    expected = image.file.url
    media_urls._url.cache_clear()  # another test may have asked for the same content's name
    asked = []
    storage_url = default_storage._wrapped.url
    monkeypatch.setattr(
        default_storage._wrapped, "url", lambda name: asked.append(name) or storage_url(name)
    )
    assert image.original_url() == expected
    assert Image.objects.get(pk=image.pk).original_url() == expected
    assert asked == [image.file.name]


def test_library_files_are_served_with_a_year_of_caching():
    image = ImageFactory()
    response = serve_media(RequestFactory().get("/"), image.file.name)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
