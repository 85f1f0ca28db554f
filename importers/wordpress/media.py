"""Imported media: finding an upload in a copy of `wp-content/uploads`, and attaching it.

No network access: a file that is not in the media folder is reported, never fetched.
"""

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from articles.models import Article
from core.uploads import track_written
from images.models import Image as LibraryImage
from images.originals import clean_upload

UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies: photo-300x200.jpg is a size of photo.jpg.
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
# Video and audio files kept as they are, by their extension (what a browser can play).
PLAYABLE = {
    "mp4": "video", "m4v": "video", "webm": "video", "ogv": "video", "mov": "video",
    "mp3": "audio", "m4a": "audio", "ogg": "audio", "oga": "audio", "wav": "audio",
    "flac": "audio",
}  # fmt: skip
PLAYABLE_DIR = "uploads"


def upload_path(url: str) -> str:
    """The part of an upload URL below `wp-content/uploads` ("2013/03/photo.jpg"), decoded;
    WordPress.com serves uploads at the root of its files host, so a path without the prefix
    is taken whole."""
    url_path = unquote(urlsplit(url).path)
    return url_path.split(UPLOADS, 1)[1] if UPLOADS in url_path else url_path.lstrip("/")


def full_size(relative: str) -> str:
    """The original of a resized copy: `2013/03/photo-300x200.jpg` → `2013/03/photo.jpg`."""
    return SIZE_SUFFIX.sub("", relative)


def find_upload(media_dir: Path | None, url: str) -> Path | None:
    """The file for an upload URL in `media_dir` (the uploads folder, or a folder holding
    `wp-content/uploads`). Paths that would leave `media_dir` are never followed."""
    if media_dir is None or not url:
        return None
    relative = upload_path(url)
    if not relative:
        return None
    root = media_dir.resolve()
    for candidate in (root / relative, root / "wp-content" / "uploads" / relative):
        candidate = candidate.resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def is_image(path: Path) -> bool:
    """Pillow can read it: a renamed PDF or a truncated download is not a lead image."""
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return False
    return True


def attach_lead_image(article: Article, path: Path, alt: str, caption: str) -> None:
    """Put an imported file on `article` as its lead image (the caller saves the article).

    The file goes through the image library's upload path (content checked, turned upright,
    metadata such as GPS stripped, renditions queued). WordPress attachments often have no alt
    text; the image is kept all the same and the pre-publish check asks an editor for it,
    rather than inventing a description. Raises ValidationError for an unusable file.
    """
    article.lead_image = library_image(path, alt, caption)


def library_image(path: Path, alt: str = "", caption: str = "") -> LibraryImage:
    """The library image of the file at `path`: the one already in the library with the same
    content (its missing alt text or caption filled in), else a new one (alt text and caption
    from WordPress). Raises ValidationError for an unusable file."""
    with path.open("rb") as handle:
        original = clean_upload(File(handle, name=path.name))
    image = LibraryImage.objects.filter(sha256=original.sha256).order_by("pk").first()
    if image is None:
        image = LibraryImage(alt_text=alt.strip()[:300], caption=caption[:500])
        image.store(original)
    else:
        fill_in(image.pk, alt, caption)
    return image


def fill_in(pk: int, alt: str = "", caption: str = "") -> None:
    """Give library image `pk` the alt text and caption WordPress knows where it has none;
    never overwrite what it has (an editor's, or an earlier post's)."""
    for field, value in (("alt_text", alt.strip()[:300]), ("caption", caption.strip()[:500])):
        if value:
            LibraryImage.objects.filter(pk=pk, **{field: ""}).update(**{field: value})


def playable_kind(path: Path) -> str | None:
    """ "video" or "audio" for a file a browser can play, by its extension; else None."""
    return PLAYABLE.get(path.suffix.lower().lstrip("."))


def store_playable(path: Path) -> str:
    """Store a video or audio file through the default storage, named by its content (so a
    re-run, or the same file in two posts, stores it once); return its storage name."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    kind, extension = playable_kind(path), path.suffix.lower()
    name = f"{PLAYABLE_DIR}/{kind}/{digest.hexdigest()[:2]}/{digest.hexdigest()[:32]}{extension}"
    if not default_storage.exists(name):
        with path.open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=path.name))
        track_written(default_storage, saved)
        name = saved
    return name
