"""A stored body as readers get it: library images, galleries and embeds expanded.

`render_body(html)` is the one way any content type (articles, live blogs, static pages,
imported posts) turns a stored, sanitized body into page HTML; the `render_body` template
filter calls it. Stored bodies hold references (core/sanitize.py describes the shapes):

- `<figure data-image-id data-alt>` becomes a responsive `<picture>` (renditions, `srcset`),
  with the caption written in the body (else the library's) and the library's credit;
- `<figure data-gallery="1 2 3">` becomes a grid of those library images;
- `<figure data-embed>` becomes a click-to-load placeholder: provider, title, a plain link.
  No request reaches the provider until the reader presses its button (static/js/embeds.js);
  the page's CSP then allows exactly the providers in the body (`richtext.csp`).

All images of a body are fetched in one query; nothing else touches the database, storage or
the network. The input is sanitized again first, so a body written before today's rules (or by
a bulk write that skipped the field) is held to them, unless the body's stored seal shows it is
already what today's rules make of it (`core.sanitize.seal`: a save stores it).
"""

import re
from html import unescape

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core import embeds
from core.cache.tags import tag_for_pk
from core.sanitize import shown_html
from images.models import DELIVERY_FIELDS, Image
from images.templatetags.images_tags import picture

BODY_SIZES = "(min-width: 60rem) 42rem, calc(100vw - 2rem)"
GALLERY_SIZES = "(min-width: 60rem) 14rem, calc(50vw - 1.5rem)"

_IMAGE = re.compile(r'<figure data-image-id="(\d+)" data-alt="([^"]*)">(.*?)</figure>', re.DOTALL)
_GALLERY = re.compile(r'<figure data-gallery="([\d ]+)">(.*?)</figure>', re.DOTALL)
_EMBED = re.compile(r'<figure data-embed="[\w-]+"><a href="([^"]+)"[^>]*>(.*?)</a></figure>')
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
# What every reference above starts with. A body without it (most news stories) is not scanned
# by the expressions: a substring test is about a tenth of the cost of one scan of a long body,
# and a page scans its body up to five times (tags, images, embeds, the CSP's origins).
_REFERENCE = "<figure data-"


def image_ids(html: str) -> list[int]:
    """Ids of the library images a stored body refers to, in order, without repeats."""
    if _REFERENCE not in html:
        return []
    found = [int(pk) for pk, _alt, _inner in _IMAGE.findall(html)]
    for ids, _inner in _GALLERY.findall(html):
        found += [int(pk) for pk in ids.split()]
    return list(dict.fromkeys(found))


def body_tags(html: str) -> list[str]:
    """Cache tags of what a body shows besides its own text: its library images."""
    return [tag_for_pk(Image, pk) for pk in image_ids(html or "")]


_TABLE = re.compile(r"<table>")
_LEGACY_IMG = re.compile(r"<img\b[^>]*>")
_HAS_ALT = re.compile(r'\salt="[^"]*\S[^"]*"')


def images_without_alt(html: str) -> int:
    """How many images of a body readers would get with no alt text (one query at most).

    A body image's own alt text wins, else the library's; gallery images use the library's.
    """
    html = html or ""
    count = sum(1 for tag in _LEGACY_IMG.findall(html) if not _HAS_ALT.search(tag))
    ids = image_ids(html)
    if not ids:
        return count
    library = dict(Image.objects.filter(pk__in=ids).values_list("pk", "alt_text"))
    for pk, alt, _inner in _IMAGE.findall(html):
        if int(pk) in library and not (unescape(alt).strip() or library[int(pk)].strip()):
            count += 1
    for ids_text, _inner in _GALLERY.findall(html):
        count += sum(
            1 for pk in ids_text.split() if int(pk) in library and not library[int(pk)].strip()
        )
    return count


def embeds_in(html: str) -> list[embeds.Embed]:
    """The embeds of a stored body, in order."""
    if _REFERENCE not in (html := html or ""):
        return []
    found = (embeds.match(unescape(url)) for url, _title in _EMBED.findall(html))
    return [embed for embed in found if embed is not None]


def frame_origins(html: str) -> list[str]:
    """The origins the body's players load from: what the page's `frame-src` must allow."""
    origins = (embed.frame_origin for embed in embeds_in(html))
    return sorted({origin for origin in origins if origin})


def render_body(html: str, seal: str = "") -> SafeString:
    """The body as safe page HTML, with its image references and embeds expanded. `seal` is
    the body's stored seal (`body_seal`), if the caller has it."""
    html = shown_html(html, seal)
    if _REFERENCE not in html:
        return mark_safe(html)  # noqa: S308 (sanitized just above)
    ids = image_ids(html)
    images = Image.objects.only(*DELIVERY_FIELDS).in_bulk(ids) if ids else {}
    html = _IMAGE.sub(lambda m: _image(images.get(int(m[1])), unescape(m[2]), m[3]), html)
    html = _GALLERY.sub(lambda m: _gallery([images.get(int(i)) for i in m[1].split()], m[2]), html)
    html = _EMBED.sub(lambda m: _embed(unescape(m[1]), unescape(m[2])), html)
    return mark_safe(html)  # noqa: S308 (built from sanitized parts and escaped values)


def _caption(inner: str) -> str:
    found = _CAPTION.search(inner)
    return found[1].strip() if found else ""


def _image(image: Image | None, alt: str, inner: str) -> str:
    caption = _caption(inner)
    if image is None:  # deleted from the library: keep the words, drop the picture
        return f"<p>{caption}</p>" if caption else ""
    caption = caption or escape(image.caption)
    credit = (
        format_html('<span class="figure__credit">{}</span>', image.credit) if image.credit else ""
    )
    text = f"<figcaption>{caption} {credit}</figcaption>" if caption or credit else ""
    img = picture(image, "lead", alt=alt or image.alt_text, sizes=BODY_SIZES)
    return f'<figure class="body-image">{img}{text}</figure>'


def _gallery(images: list[Image | None], inner: str) -> str:
    shown = [image for image in images if image is not None]
    if not shown:
        return ""
    items = format_html_join(
        "",
        "<li>{}</li>",
        ((_gallery_item(image),) for image in shown),
    )
    credits = sorted({image.credit for image in shown if image.credit})
    credit = (
        format_html('<span class="figure__credit">{}</span>', ", ".join(credits)) if credits else ""
    )
    caption = _caption(inner)
    text = f"<figcaption>{caption} {credit}</figcaption>" if caption or credit else ""
    label = f"Gallery of {len(shown)} images"
    grid = f'<ul class="gallery__grid">{items}</ul>'
    return f'<figure class="gallery" aria-label="{label}">{grid}{text}</figure>'


def _gallery_item(image: Image) -> str:
    """A gallery's picture, with the library's caption under it when the image has one."""
    shown = picture(image, "teaser", sizes=GALLERY_SIZES)
    if not image.caption:
        return shown
    return format_html(
        '<figure class="gallery__item">{}<figcaption>{}</figcaption></figure>',
        shown,
        image.caption,
    )


def _embed(url: str, title: str) -> str:
    embed = embeds.match(url)
    if embed is None:
        return ""
    title = "" if title == url else title
    if embed.provider is None:
        return format_html(
            '<figure class="embed embed--link"><a class="link-card" href="{}" '
            'rel="noopener noreferrer"><span class="link-card__site">{}</span>'
            '<span class="link-card__title">{}</span></a></figure>',
            url,
            embed.site,
            title or url,
        )
    provider = embed.provider
    return format_html(
        '<figure class="embed embed--{shape}" data-embed="{key}">'
        '<div class="embed__placeholder" data-embed-src="{player}" data-embed-title="{label}">'
        '<p class="embed__provider">{name}</p>{title}'
        '<p class="embed__note">Shown only if you choose: loading it lets {name} see your '
        "visit and set cookies.</p>"
        '<button type="button" class="embed__load" hidden>Load {name} content</button> '
        '<a class="embed__link" href="{url}" rel="noopener noreferrer">{action} on {name}</a>'
        "</div></figure>",
        shape=provider.shape,
        key=provider.key,
        player=embed.player_url,
        label=title or f"{provider.name} content",
        name=provider.name,
        title=format_html('<p class="embed__title">{}</p>', title) if title else "",
        url=url,
        action=provider.action,
    )


def scrollable_tables(body: str) -> str:
    """Wrap each table of a (sanitized) body in a labelled, keyboard-focusable scroll box.

    A wide table scrolls sideways inside its box instead of widening the page on a phone, and
    keyboard users can focus the box to scroll it (WCAG 2.1.1; axe `scrollable-region-focusable`).
    The sanitizer leaves tables without attributes, so the plain tag is the one to match.
    """
    if "<table>" not in body:  # most bodies: a substring test rather than a pass of `sub()`
        return body
    opened = _TABLE.sub(
        '<div class="scroll-box" role="region" tabindex="0" '
        'aria-label="Table (scrolls sideways)"><table>',
        body,
    )
    return opened.replace("</table>", "</table></div>")
