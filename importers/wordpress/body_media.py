"""Media inside imported post bodies: images, galleries, covers, video and audio.

A converted body (`content.convert`) still points at the old site's uploads. Here every image,
gallery, cover, media-and-text block, video and audio is looked up in the uploads folder
(`--media-dir`), through the export's attachments where the markup names one (`wp-image-123`,
gallery IDs, a bare `[gallery]`'s attached files) and by the full-size file of a resized copy
(`photo-300x200.jpg` → `photo.jpg`, `srcset` sizes). What is found becomes the body form the
editor writes: `<figure data-image-id>` for an image (one library image per file content, however
many posts show it), `<figure data-gallery>` for a gallery, `<video>`/`<audio>` playing a file
stored through the default storage. What is not found is listed once with the posts that use it,
and the body keeps its caption or alt text (or the missing file's name) instead of a broken
picture. Every file found is recorded (`WordPressUpload`) so its old address keeps answering.

Nothing here queries per image more than once a run: files are found on disk, and each one's
library image is remembered in the run's state (rolled back with its batch).
"""

import html
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from lxml import html as lxml_html

from importers.models import WordPressUpload
from importers.wordpress import fragments, wxr
from importers.wordpress.content import plain_text
from importers.wordpress.links import old_hosts
from importers.wordpress.mapping import label_of
from importers.wordpress.media import (
    UPLOADS,
    fill_in,
    find_upload,
    full_size,
    library_image,
    playable_kind,
    store_playable,
    upload_path,
)
from importers.wordpress.scan import Attachment, Scan
from importers.wordpress.state import ImportState

# A body without any of these has no media to resolve and is left exactly as it is.
MARKERS = ("<img", "<video", "<audio", "wp-shortcode-", "wp-block-cover", "wp-block-media-text")
WP_IMAGE = re.compile(r"\bwp-image-(\d+)\b")
# For the fingerprint: the media a post's raw content names.
CONTENT_URL = re.compile(r"""(?:https?:)?//[^\s"'<>()\[\]]+|/wp-content/uploads/[^\s"'<>()\[\]]+""")
MEDIA_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|[a-z0-9]{2,4})$", re.I)
GALLERY_IDS = re.compile(r"""\[(?:gallery|playlist)\b[^\]]*?(?:ids|include)=["']?([\d,\s]*)""")
BARE_GALLERY = re.compile(r"\[(?:gallery|playlist)\b(?![^\]]*(?:ids|include)=)")
FILES_HOST = ".files.wordpress.com"


def _without_size(url: str) -> str:
    """The URL of the full-size file of a resized copy, without its query string."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, full_size(parts.path), "", ""))


def _srcset(value: str) -> list[str]:
    """The URLs of a `srcset`, widest first."""
    sizes = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        width = descriptor.strip().rstrip("wx")
        sizes.append((float(width) if width.replace(".", "", 1).isdigit() else 0, url))
    return [url for _width, url in sorted(sizes, reverse=True) if url]


class BodyMedia:
    """Resolves the media of post bodies for one import run."""

    def __init__(self, state: ImportState, scan: Scan, media_dir: Path | None, *, dry_run: bool):
        self.state, self.scan, self.media_dir, self.dry_run = state, scan, media_dir, dry_run
        self.hosts = old_hosts(*scan.addresses)
        self.by_path: dict[str, int] = {}
        self.children: dict[int, list[int]] = defaultdict(list)
        for attachment_id, attachment in sorted(scan.attachments.items()):
            self.by_path.setdefault(full_size(upload_path(attachment.url)), attachment_id)
            if attachment.parent:
                self.children[attachment.parent].append(attachment_id)
        self.found: dict[str, Path | None] = {}  # files do not roll back: not in the state

    @property
    def report(self):
        return self.state.report

    def load(self) -> None:
        """The upload paths recorded by earlier runs, so a re-run records none twice, and the
        attachments they were (a re-run's report still says they are used)."""
        recorded = WordPressUpload.objects.filter(site_url=self.scan.site_url)
        self.state.uploads = set()
        for path, attachment_id in recorded.values_list("path", "attachment_id").iterator():
            self.state.uploads.add(path)
            if attachment_id in self.scan.attachments:
                self.state.body_attachments.add(attachment_id)

    # -- finding files ---------------------------------------------------------------------

    def is_upload(self, url: str) -> bool:
        """An upload of the old site (its uploads folder, any host, or a root-relative path)."""
        parts = urlsplit(url.strip())
        if parts.scheme not in {"", "http", "https"} or not parts.path:
            return False
        host = parts.netloc.lower()
        return (
            UPLOADS in parts.path
            or host in self.hosts
            or host.endswith(FILES_HOST)
            or (not host and parts.path.startswith("/"))
        )

    def locate(self, url: str) -> Path | None:
        if url not in self.found:
            self.found[url] = find_upload(self.media_dir, url) if self.is_upload(url) else None
        return self.found[url]

    def attachment(self, attachment_id: int | None) -> Attachment | None:
        return self.scan.attachments.get(attachment_id) if attachment_id else None

    def fingerprint(self, item: wxr.Item) -> list:
        """What the body's media depend on: the files it names and whether they were found,
        and the alt text of the attachments it names. A run that finds a file that an earlier
        run missed updates the post."""
        content = item.content or ""
        if not any(
            marker in content
            for marker in (*MARKERS, "[gallery", "[video", "[audio", "[playlist", "url(")
        ):
            return []
        urls = sorted({url for url in CONTENT_URL.findall(content) if MEDIA_EXTENSION.search(url)})
        ids = {int(n) for n in WP_IMAGE.findall(content)}
        for listed in GALLERY_IDS.findall(content):
            ids.update(int(n) for n in re.findall(r"\d+", listed))
        if BARE_GALLERY.search(content):
            ids.update(self.children.get(item.post_id, ()))
        attachments = [(n, self.attachment(n)) for n in sorted(ids)]
        return [
            [
                [url, self.locate(url) is not None, self.locate(_without_size(url)) is not None]
                for url in urls
            ],
            [[n, a.url, a.alt, self.locate(a.url) is not None] for n, a in attachments if a],
        ]

    # -- the body --------------------------------------------------------------------------

    def resolve(self, body: str, item: wxr.Item) -> str:
        """`body` with its media as library references and stored files, or as text."""
        if not body.strip() or not any(marker in body for marker in MARKERS):
            return body
        root = lxml_html.fragment_fromstring(body, create_parent="div")
        label = label_of(item)
        for figure in fragments.having_class(root, "wp-shortcode-gallery", "figure"):
            self._gallery(figure, [(n, None) for n in self._ids(figure, item)], "", label)
        galleries = fragments.having_class(root, "wp-block-gallery", "figure", "ul")
        for element in galleries + fragments.having_class(root, "blocks-gallery-grid", "ul"):
            if not fragments.attached(element, root):
                continue  # a grid inside a gallery figure done above
            images = [(self._attachment_of(img), img) for img in element.iter("img")]
            caption = next((c for c in element if c.tag == "figcaption"), None)
            caption_html = fragments.inner_html(caption) if caption is not None else ""
            self._gallery(element, images, caption_html, label)
        for cover in fragments.having_class(root, "wp-block-cover"):
            fragments.unwrap_cover(cover)
        for block in fragments.having_class(root, "wp-block-media-text"):
            fragments.unwrap_media_text(block)
        for img in list(root.iter("img")):
            if fragments.attached(img, root):
                self._image(img, label)
        for playlist in fragments.having_class(root, "wp-shortcode-playlist", "figure"):
            self._playlist(playlist, item, label)
        for player in list(root.iter("video", "audio")):
            if fragments.attached(player, root):
                self._player(player, label)
        return fragments.inner_html(root).strip()

    def _ids(self, figure, item: wxr.Item) -> list[int]:
        listed = [int(n) for n in (figure.get("data-ids") or "").split(",") if n.isdigit()]
        return listed or self.children.get(item.post_id, [])

    def _attachment_of(self, img) -> int | None:
        """The attachment an `<img>` names (`wp-image-123`, `data-id`), else the one whose
        file it shows."""
        named = WP_IMAGE.search(img.get("class") or "") or re.fullmatch(
            r"\d+", img.get("data-id") or ""
        )
        if named:
            return int(named.group(1) if named.re is WP_IMAGE else named.group(0))
        src = img.get("src") or ""
        return self.by_path.get(full_size(upload_path(src))) if self.is_upload(src) else None

    def _image_for(
        self, urls: list[str], alt: str, attachment_id: int | None, label: str, caption: str = ""
    ):
        """The library image pk of the first of `urls` found (None if none is), and the URL
        to report as missing otherwise. `caption` is the new library image's, if one is made."""
        attachment = self.attachment(attachment_id)
        candidates = [attachment.url] if attachment else []
        for url in urls:
            candidates += [_without_size(url), url]
        candidates = [url for url in dict.fromkeys(candidates) if url]
        for url in candidates:
            path = self.locate(url)
            if path is None:
                continue
            key = str(path)
            if key not in self.state.media_images:
                if self.dry_run:
                    self.state.media_images[key] = 0
                else:
                    try:
                        alt_text = alt or (attachment.alt if attachment else "")
                        image = library_image(path, alt_text, caption)
                    except ValidationError:
                        self.report.warn(f"{label}: {path} is not a readable image; left out")
                        self.found[url] = None
                        continue
                    self.state.media_images[key] = image.pk
                    self.record(url, attachment_id, image_pk=image.pk)
                self.report.count("images in bodies", "imported")
            elif caption and not self.dry_run and self.state.media_images[key]:
                fill_in(self.state.media_images[key], caption=caption)  # a gallery's, say
            if attachment_id in self.scan.attachments:
                self.state.body_attachments.add(attachment_id)
            return self.state.media_images[key], ""
        missing = candidates[0] if candidates else ""
        if missing and not missing.startswith("data:"):
            self.report.media_missing(missing, label)
            self.report.count("images in bodies", "not found")
        return None, missing

    def _image(self, img, label: str) -> None:
        attachment_id = self._attachment_of(img)
        attachment = self.attachment(attachment_id)
        alt = (img.get("alt") or "").strip() or (attachment.alt if attachment else "")
        container = img
        if container.getparent() is not None and container.getparent().tag == "a":
            container = container.getparent()
        parent = container.getparent()
        caption = ""
        if parent is not None and parent.tag == "figure":
            container = parent
            found = next((c for c in parent if c.tag == "figcaption"), None)
            caption = fragments.inner_html(found).strip() if found is not None else ""
        urls = [img.get("src") or "", *_srcset(img.get("srcset") or "")]
        pk, _missing = self._image_for([url for url in urls if url], alt, attachment_id, label)
        if pk:
            figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
            alt_text = html.escape(alt)
            figure = f'<figure data-image-id="{pk}" data-alt="{alt_text}">{figcaption}</figure>'
            new = [fragments.fragment(figure)]
        else:
            text = caption or html.escape(alt)
            new = [fragments.fragment(f"<p>{text}</p>")] if text else []
        fragments.put(container, new)

    def _gallery(self, element, images: list, caption: str, label: str) -> None:
        """`images`: (attachment ID, its `<img>` or None) → a gallery of library images."""
        pks = []
        for attachment_id, img in images:
            attachment = self.attachment(attachment_id)
            # Each picture's own caption (a gallery block's inner figcaption, else the
            # attachment's) goes to its library image, which the gallery shows under it.
            own_caption = attachment.caption if attachment else ""
            if img is not None:
                alt = (img.get("alt") or "").strip() or (attachment.alt if attachment else "")
                urls = [img.get("src") or "", *_srcset(img.get("srcset") or "")]
                parent = img.getparent()
                if parent is not None and parent.tag == "a":
                    parent = parent.getparent()
                found = (
                    next((c for c in parent if c.tag == "figcaption"), None)
                    if parent is not None and parent.tag == "figure"
                    else None
                )
                if found is not None:
                    own_caption = fragments.inner_html(found)
            else:
                alt, urls = (attachment.alt, [attachment.url]) if attachment else ("", [])
                if attachment is None:
                    self.report.warn(f"{label}: gallery image {attachment_id} is not in the export")
            pk, _missing = self._image_for(
                [u for u in urls if u], alt, attachment_id, label, caption=plain_text(own_caption)
            )
            if pk:
                pks.append(str(pk))
        self.report.count("galleries", "imported" if pks else "left out (no image found)")
        figcaption = f"<figcaption>{caption}</figcaption>" if caption.strip() else ""
        new = (
            [
                fragments.fragment(
                    f'<figure data-gallery="{" ".join(dict.fromkeys(pks))}">{figcaption}</figure>'
                )
            ]
            if pks
            else []
        )
        if not pks and caption.strip():
            new = [fragments.fragment(f"<p>{caption}</p>")]
        fragments.replace(element, new)

    def _playlist(self, figure, item: wxr.Item, label: str) -> None:
        new = []
        kind = figure.get("data-type") or "audio"
        for attachment_id in self._ids(figure, item):
            attachment = self.attachment(attachment_id)
            if attachment is not None:
                new.append(
                    fragments.fragment(f'<{kind} src="{html.escape(attachment.url)}"></{kind}>')
                )
        fragments.replace(figure, new)

    def _player(self, player, label: str) -> None:
        """A video or audio: the file stored and played from our storage, else its name."""
        src = player.get("src") or next(
            (s.get("src") for s in player.iter("source") if s.get("src")), ""
        )
        if not src:
            fragments.replace(player, [])
            return
        if not self.is_upload(src):  # a YouTube or other site's address: a link to it
            fragments.put(
                player,
                [fragments.fragment(f'<p><a href="{html.escape(src)}">{html.escape(src)}</a></p>')],
            )
            return
        path = self.locate(src)
        kind = playable_kind(path) if path else None
        if path is not None and kind is None:
            self.report.warn(
                f"{label}: {path.name} is not a video or audio file browsers play; left out"
            )
        if kind is None:
            self.report.media_missing(src, label)
            self.report.count("video and audio", "not found")
            name = html.escape(upload_path(src).rsplit("/", 1)[-1])
            what = "Audio" if player.tag == "audio" else "Video"
            fragments.put(player, [fragments.fragment(f"<p>{what} not imported: {name}</p>")])
            return
        key = str(path)
        attachment_id = self.by_path.get(full_size(upload_path(src)))
        if key not in self.state.media_files:
            name = "" if self.dry_run else store_playable(path)
            self.state.media_files[key] = name
            if name:
                self.record(src, attachment_id, file=name)
            self.report.count("video and audio", "imported")
        if attachment_id is not None:
            self.state.body_attachments.add(attachment_id)
        url = html.escape(default_storage.url(self.state.media_files[key]))
        fragments.replace(
            player,
            [fragments.fragment(f'<{kind} controls preload="metadata" src="{url}"></{kind}>')],
        )

    # -- old addresses ---------------------------------------------------------------------

    def record(
        self, url: str, attachment_id: int | None, *, image_pk: int | None = None, file: str = ""
    ) -> None:
        """Note what the upload at `url` became, so `/wp-content/uploads/…`, `?attachment_id=`
        and the attachment's page answer with it."""
        path = full_size(upload_path(url))[:500]
        if not path or path in self.state.uploads:
            return
        attachment_id = attachment_id or self.by_path.get(path)
        WordPressUpload.objects.create(
            site_url=self.scan.site_url,
            path=path,
            attachment_id=attachment_id,
            image_id=image_pk,
            file=file[:255],
        )
        self.state.uploads.add(path)
        attachment = self.attachment(attachment_id)
        page = urlsplit(attachment.link) if attachment else None
        if page and page.path not in {"", "/"} and not page.query:
            self.state.redirects.add(page.path, UPLOADS + path)
            self.report.count("redirects", "recorded for attachment pages")
