"""Imported media: finding an upload in a copy of `wp-content/uploads`, and attaching it.

No network access: a file that is not in the media folder is reported, never fetched.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files import File
from PIL import Image, UnidentifiedImageError

from articles.models import Article

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

    The only place the importer touches lead-image fields, so a change of image model
    needs a change here and nowhere else.
    """
    with path.open("rb") as handle:
        article.lead_image.save(path.name, File(handle), save=False)
    article.lead_image_alt = alt[:300]
    article.lead_image_caption = caption[:500]
