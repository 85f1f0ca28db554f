"""HTML sanitizing for rich text: an allowlist, so anything not named here is dropped.

Article bodies arrive from the editor widget, importers and the API; all of them pass through
`clean_html` before they are stored, so templates can mark the stored HTML safe. Feeds run it
again on output, so a body written before a rule was added (or by a bulk write) is held to
today's rules there too.

Images must come from our own media or static files. A picture from another host is a
tracking pixel in every feed reader (the site's CSP blocks it on our pages, feed readers have
no CSP), and a `data:` URI is a way round the upload checks; both are removed. A figure left
with nothing but its caption keeps the caption's words as a paragraph: text is never lost.

Classes are limited to our own few: alignment (`align-left`, `align-center`, `align-right` on
paragraphs, headings and plain figures), `pull-quote`/`fact-box` asides and the `footnotes`
list. An `id` is kept only in the footnote shapes (`fn-3` on a note's `<li>`, `fn-3-ref` on the
link that cites it), so the anchors work and no id can collide with the page's own. Paragraphs
with nothing in them (spaces, `&nbsp;`, `<br>`) are dropped.
"""

import hashlib
import hmac
import posixpath
import re
import sys
from collections import Counter
from functools import lru_cache
from html import escape, unescape
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare

from core import embeds
from core.text import clean_text

ALLOWED_TAGS = {
    "a", "abbr", "address", "aside", "b", "blockquote", "br", "caption", "cite", "code", "dd",
    "del", "details", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
# Video and audio play from our own media only (src and poster checked like <img src>).
PLAYER_TAGS = {"video", "audio", "source"}
PLAYER_ATTRIBUTES = {"src", "controls", "preload", "poster", "width", "height"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "del": {"datetime"},
    "figure": {"data-image-id", "data-alt", "data-gallery", "data-embed"},
    "img": {"src", "alt", "width", "height"},
    "ins": {"datetime"},
    "li": {"id"},
    "ol": {"start"},
    **dict.fromkeys(PLAYER_TAGS, PLAYER_ATTRIBUTES),
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
ALIGN_CLASSES = {"align-left", "align-center", "align-right"}
ALLOWED_CLASSES = {
    "aside": {"pull-quote", "fact-box"},
    "ol": {"footnotes"},
    **dict.fromkeys(("p", "h2", "h3", "h4", "h5", "h6", "figure"), ALIGN_CLASSES),
}
_FOOTNOTE_ID = re.compile(r"fn-[1-9][0-9]{0,3}(?:-ref)?")
_IMAGE_ID = re.compile(r"[1-9][0-9]{0,17}")
_GALLERY_IDS = re.compile(r"[1-9][0-9]{0,17}(?: [1-9][0-9]{0,17}){0,59}")

# nh3 serialises every attribute as name="value" with `"` escaped, so these patterns are exact
# on its output (never on raw input).
_IMG_WITHOUT_SRC = re.compile(r'<img(?![^>]*\ssrc=")(?:\s[\w-]+="[^"]*")*\s*/?>')
_PLAYER_WITHOUT_SOURCE = re.compile(
    r'<(video|audio)(?![^>]*\ssrc=")(?:\s[\w-]+="[^"]*")*>(?:(?!</\1>)(?!<source\s[^>]*src=").)*</\1>',
    re.DOTALL,
)
_CAPTION_ONLY_FIGURE = re.compile(
    r'<figure(?: class="[^"]*")?>\s*(?:<figcaption>((?:(?!</?fig).)*)</figcaption>\s*)?</figure>',
    re.DOTALL,
)


_FIGURE = re.compile(r"<figure((?:\s[\w-]+=\"[^\"]*\")*)>(.*?)</figure>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s([\w-]+)="([^"]*)"')
_FIRST_LINK = re.compile(r'<a href="([^"]+)"[^>]*>(.*?)</a>', re.DOTALL)
_EMPTY_CLASS = re.compile(r'(<[a-z][a-z0-9]*(?:\s[\w-]+="[^"]*")*?)\sclass=""')
_EMPTY_PARAGRAPH = re.compile(r'<p(?: class="[^"]*")?>(?:\s|&nbsp;|<br>)*</p>')


def _block_figure(match: re.Match) -> str:
    """A figure as one of the body blocks, or a plain figure (no attributes) for anything else."""
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    inner = match.group(2)
    if "data-embed" in attributes:
        return _embed_figure(inner)
    if "data-gallery" in attributes:
        return f'<figure data-gallery="{attributes["data-gallery"]}">{inner}</figure>'
    if "data-image-id" in attributes:
        alt = attributes.get("data-alt", "")
        image_id = attributes["data-image-id"]
        return f'<figure data-image-id="{image_id}" data-alt="{alt}">{inner}</figure>'
    if attributes.get("class"):
        return f'<figure class="{attributes["class"]}">{inner}</figure>'
    return f"<figure>{inner}</figure>"


def _embed_figure(inner: str) -> str:
    """The embed's canonical form, its provider derived from the URL; else its text is kept."""
    link = _FIRST_LINK.search(inner)
    embed = embeds.match(unescape(link.group(1))) if link else None
    if embed is None:
        return inner
    title = unescape(re.sub(r"<[^>]*>", "", link.group(2))).strip()
    return (
        f'<figure data-embed="{embed.key}"><a href="{escape(embed.url)}" '
        f'rel="noopener noreferrer">{escape(title or embed.url)}</a></figure>'
    )


def _caption_as_paragraph(match: re.Match) -> str:
    caption = (match.group(1) or "").strip()
    return f"<p>{caption}</p>" if caption else ""


def own_image_prefixes() -> tuple[str, ...]:
    """URL prefixes of our media and static files: as paths, on SITE_URL, or a CDN's own."""
    prefixes: list[str] = []
    for base in (settings.MEDIA_URL, settings.STATIC_URL):
        if urlsplit(base).netloc:  # served from a CDN or bucket: that origin only
            prefixes.append(base)
        else:
            path = "/" + base.lstrip("/")
            prefixes += [path, f"{settings.SITE_URL}{path}"]
    return tuple(prefixes)


def is_own_image(src: str) -> bool:
    """True for a URL of one of our media or static files (no way out by `..` or `\\`)."""
    src = src.strip()
    if "\\" in src or not src.startswith(own_image_prefixes()):
        return False
    path = urlsplit(src).path
    return posixpath.normpath(path) == path.rstrip("/") and "/../" not in f"{path}/"


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and not is_own_image(value):
        return None  # the <img> left without a source is removed below
    if element in PLAYER_TAGS and attribute in {"src", "poster"} and not is_own_image(value):
        return None  # a player left without a source is removed below
    if attribute == "data-image-id" and not _IMAGE_ID.fullmatch(value):
        return None
    if attribute == "data-gallery" and not _GALLERY_IDS.fullmatch(value):
        return None
    if attribute == "data-alt":
        return clean_text(value)[:300]
    if attribute == "id" and not _FOOTNOTE_ID.fullmatch(value):
        return None
    if attribute == "datetime":
        return value[:40]
    return value


def _nh3(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS | PLAYER_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        allowed_classes=ALLOWED_CLASSES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def clean_html(html: str) -> str:
    """Return `html` with only allowlisted tags, attributes, URL schemes and images left."""
    cleaned = _nh3(clean_text(html or ""))
    if "<figure" in cleaned:
        # Rebuilt figures are parsed once more, so a figure nested in an embed stays balanced.
        cleaned = _nh3(_FIGURE.sub(_block_figure, cleaned))
    cleaned = _EMPTY_CLASS.sub(r"\1", cleaned)
    if "<video" in cleaned or "<audio" in cleaned:
        cleaned = _PLAYER_WITHOUT_SOURCE.sub("", cleaned)
    cleaned = _CAPTION_ONLY_FIGURE.sub(_caption_as_paragraph, _IMG_WITHOUT_SRC.sub("", cleaned))
    return clean_text(_EMPTY_PARAGRAPH.sub("", cleaned)).strip()


# Containers whose removal loses nothing a reader sees: their text and allowed children stay.
PLAIN_WRAPPERS = {
    "article", "big", "center", "col", "colgroup", "div", "font", "footer", "header", "hgroup",
    "main", "section", "small", "span", "tt",
}  # fmt: skip
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_WHOLE_ELEMENT = re.compile(r"<(script|style|svg|math)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")


def removed_elements(html: str) -> Counter[str]:
    """The elements `clean_html` drops from `html`, by name, for importers to report.

    Plain wrappers (`div`, `span`, …) are not counted, nor what is inside a script, style, SVG
    or MathML element (the element is counted once). Images from other hosts are the media
    import's to account for.
    """
    counts: Counter[str] = Counter()

    def whole(match: re.Match) -> str:
        counts[match[1].lower()] += 1
        return ""

    html = _WHOLE_ELEMENT.sub(whole, _COMMENT.sub("", html or ""))
    for name in _START_TAG.findall(html):
        name = name.lower()
        if name not in ALLOWED_TAGS | PLAYER_TAGS and name not in PLAIN_WRAPPERS:
            counts[name] += 1
    return counts


def _source_fingerprint() -> str:
    """The code of the rules: this module, `core.text` (control characters) and `core.embeds`
    (the embed providers). Any change to them, a security fix above all, lapses every stored
    seal, so no body sealed under the old code is shown uncleaned; `manage.py seal_bodies`
    seals them again (until then they are cleaned on every view)."""
    modules = (sys.modules[__name__], sys.modules[clean_text.__module__], embeds)
    return hashlib.sha256(b"\0".join(Path(m.__file__).read_bytes() for m in modules)).hexdigest()


RULES_FINGERPRINT = _source_fingerprint()


def _rules() -> str:
    """What the output of `clean_html` depends on besides its input."""
    return f"{RULES_FINGERPRINT}|{nh3.__version__}|{'|'.join(own_image_prefixes())}"


def seal(html: str) -> str:
    """A mark that `html` is what `clean_html` makes of it under today's rules, or "" if it is
    not. Stored beside a body (`SanitizedHTMLField(seal_field=...)`), it lets the page skip
    cleaning the body again: cleaning a long body cost more CPU than the rest of the article's
    text (2 ms for 24 KB). Keyed with SECRET_KEY, so a row written past the model (a bulk
    update, a restored dump, a hand-edited database) cannot claim it; such a body, and every
    body after a change of the rules, is cleaned when it is shown, as before."""
    if clean_html(html) != html:
        return ""
    return seal_of_clean(html)


def seal_of_clean(html: str) -> str:
    """`seal(html)` without the check, for a bulk writer whose generated HTML is known to be
    what `clean_html` returns unchanged (seed_bench: its test compares it with a save). Never
    for other input: a seal lets the body reach readers without being cleaned again."""
    message = f"{_rules()}\n{html}".encode()
    return hmac.digest(_seal_key(settings.SECRET_KEY), message, "sha256").hex()


@lru_cache(maxsize=4)
def _seal_key(secret: str) -> bytes:
    """The key of `salted_hmac("core.sanitize.seal", ..., algorithm="sha256")`, derived once
    per secret: a seal is that HMAC, written with the standard library's one-call `digest()`
    (an article page checks its body's seal on every render; the HMAC object cost more than
    hashing the body)."""
    return hashlib.sha256(b"core.sanitize.seal" + secret.encode()).digest()


def is_sealed(html: str, mark: str) -> bool:
    """Whether `mark` is the seal of `html` under today's rules (so it needs no cleaning)."""
    return bool(mark) and constant_time_compare(mark, seal_of_clean(html))


def shown_html(html: str, mark: str = "") -> str:
    """`html` held to today's rules: as it is when `mark` seals it, else cleaned."""
    html = html or ""
    return html if is_sealed(html, mark) else clean_html(html)


class SanitizedHTMLField(models.TextField):
    """A TextField whose value is sanitized every time the model is saved.

    With `seal_field`, the name of a CharField (max_length=64) declared after this one, each
    save also stores the body's `seal()` there, so showing the body need not clean it again.
    A save with `update_fields` must name both fields (else the old seal no longer matches
    and the body is cleaned on every view until the next full save).
    """

    # `seal_field` is left out of `deconstruct()`: it changes nothing in the database, and an
    # AlterField would make SQLite rebuild the table (and drop the triggers that read it).
    def __init__(self, *args, seal_field: str = "", **kwargs):
        self.seal_field = seal_field
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        if self.seal_field:
            setattr(model_instance, self.seal_field, seal(value))
        return value
