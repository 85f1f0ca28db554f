"""Imported media: finding an upload in a copy of `wp-content/uploads`, and attaching it.

No network access: a file that is not in the media folder is reported, never fetched.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from PIL import Image, UnidentifiedImageError

from articles.models import Article
from images.models import Image as LibraryImage
from images.originals import clean_upload

UPLOADS = "/wp-content/uploads/"


def find_upload(media_dir: Path | None, url: str) -> Path | None:
    """The file for an upload URL in `media_dir` (the uploads folder, or a folder holding
    `wp-content/uploads`). Paths that would leave `media_dir` are never followed."""
    if media_dir is None or not url:
        return None
    url_path = unquote(urlsplit(url).path)
    relative = url_path.split(UPLOADS, 1)[1] if UPLOADS in url_path else url_path.lstrip("/")
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
    with path.open("rb") as handle:
        original = clean_upload(File(handle, name=path.name))
    image = LibraryImage(alt_text=alt.strip()[:300], caption=caption[:500])
    image.store(original)
    article.lead_image = image
