"""WordPress post content → Newsroom body HTML.

WordPress stores "classic" posts as text where blank lines mean paragraphs (its `wpautop`
filter adds the `<p>` tags when the page is shown) and `[shortcodes]` expand into markup.
Block-editor (Gutenberg) posts already hold their HTML, wrapped in `<!-- wp:... -->` comments,
and WordPress does not run `wpautop` on them; neither do we.

Shortcodes:
- `[caption]` becomes `<figure>` with `<figcaption>`.
- `[embed]URL[/embed]` becomes an embed (`<figure data-embed>`, core/embeds.py), as do a URL
  alone on its line or paragraph (WordPress's auto-embed), embed blocks, an `<iframe>` of a
  known provider and `[video]` of a provider's URL. Unknown sites become link cards.
- `[gallery]`, `[playlist]`, `[audio]`, `[video]` become markup that `body_media` resolves
  against the uploads (library images, galleries, stored video and audio files).
- Any other shortcode-looking tag (with attributes, self-closing or with a closing tag) is
  removed and its enclosed text kept. A bare `[word]` stays as text: it is usually prose
  ("[sic]", "[1]"), not a shortcode.
Every removal is reported, so an editor can redo what the old site's plugins did.

Markup: `<!--more-->`/`<!--nextpage-->` go, an `h1` in a body shifts every heading down a level,
WordPress's alignment (classes or `text-align` style) becomes our `align-*` class, button blocks
become links, block footnotes (post meta `footnotes`) a numbered list with working anchors, and
empty paragraphs are dropped. What the sanitizer will drop (iframes, scripts, forms…) is noted.
"""

import html
import json
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from core import embeds
from core.sanitize import removed_elements
from importers.wordpress.footnotes import footnotes_list

BLOCK_COMMENT_RE = re.compile(r"<!--\s*/?wp:[^>]*?-->\n?", re.DOTALL)
MEDIA_SHORTCODES = {"gallery", "audio", "video", "playlist"}
# The file attributes WordPress's [video] and [audio] read (wp_get_video_extensions() etc.).
MEDIA_FORMATS = {
    "video": ("mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov"),
    "audio": ("mp3", "m4a", "ogg", "oga", "wav", "wma", "flac"),
}

# WordPress's own shortcode grammar (get_shortcode_regex), for any tag name.
SHORTCODE_RE = re.compile(
    r"\[(\[?)([a-zA-Z][\w-]*)(?![\w-])"  # 1: escaping bracket, 2: name
    r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"  # 3: attributes
    r"(?:(/)\]"  # 4: self-closing
    r"|\](?:([^\[]*(?:\[(?!/\2\])[^\[]*)*)\[/\2\])?)"  # 5: enclosed content
    r"(\]?)",  # 6: escaping bracket
    re.DOTALL,
)
ATTR_RE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
CAPTION_MEDIA_RE = re.compile(
    r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL | re.IGNORECASE
)

# The block-level tags WordPress's wpautop knows (its "allblocks").
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|"
    "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
BLOCK_OPEN_RE = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.IGNORECASE)
BLOCK_CLOSE_RE = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.IGNORECASE)
STARTS_WITH_BLOCK_RE = re.compile(rf"^</?(?:{BLOCK_TAGS})[\s/>]", re.IGNORECASE)
TRAILING_CLOSERS_RE = re.compile(rf"((?:\s*</(?:{BLOCK_TAGS})>)+)\s*$", re.IGNORECASE)
PARAGRAPH_CONTAINER_OPEN_RE = re.compile(r"^((?:<(?:blockquote|div)\b[^>]*>\s*)+)", re.IGNORECASE)
PRE_RE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
MORE_RE = re.compile(r"<!--\s*(?:more\b.*?|nextpage\s*)-->", re.DOTALL)
EMBED_BLOCK_RE = re.compile(
    r"<!--\s*wp:(embed|core-embed/[\w-]+)\s*(\{.*?\})?\s*-->(.*?)<!--\s*/wp:\1\s*-->", re.DOTALL
)
EMBED_FIGURE_RE = re.compile(
    r"<figure\b[^>]*\bclass=\"[^\"]*\bwp-block-embed\b[^\"]*\"[^>]*>(.*?)</figure>", re.DOTALL
)
EMBED_WRAPPER_RE = re.compile(r"wp-block-embed__wrapper\"[^>]*>\s*([^<\s]+)\s*<", re.DOTALL)
FIGCAPTION_RE = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.DOTALL | re.IGNORECASE)
IFRAME_RE = re.compile(
    r"<iframe\b[^>]*?\ssrc=(?:\"([^\"]*)\"|'([^']*)')[^>]*>.*?</iframe>", re.DOTALL | re.IGNORECASE
)
OWN_LINE_URL_RE = re.compile(
    r"^[ \t]*(?:<p>[ \t]*)?(https?://[^\s<>\"\[\]]+)[ \t]*(?:</p>)?[ \t]*$", re.MULTILINE
)
PARAGRAPH_URL_RE = re.compile(r"<p(?:\s[^>]*)?>\s*(https?://[^\s<>\"\[\]]+)\s*</p>")
# Jetpack (WordPress.com) shortcodes that name a provider's URL: `[youtube URL]`, `[tweet URL]`.
URL_SHORTCODES = {"youtube", "vimeo", "tweet", "twitter", "instagram", "soundcloud", "spotify"}
URL_IN_TEXT_RE = re.compile(r"https?://[^\s\]\"'<>]+")
BUTTON_RE = re.compile(
    r"<div\b[^>]*\bclass=\"[^\"]*\bwp-block-button\b(?!-)[^\"]*\"[^>]*>\s*"
    r"<(a|button)\b([^>]*)>(.*?)</\1>\s*</div>",
    re.DOTALL | re.IGNORECASE,
)
HREF_RE = re.compile(r"\bhref=(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
HEADING_TAG_RE = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
ALIGNABLE_TAG_RE = re.compile(r"<(p|h[1-6]|figure)\b([^>]*)>", re.IGNORECASE)
CLASS_ATTR_RE = re.compile(r"\bclass=(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
ALIGN_CLASS_RE = re.compile(r"(?:^|\s)(?:has-text-align-|align)(left|center|right)(?:\s|$)")
ALIGN_STYLE_RE = re.compile(
    r"\b(?:style=[\"'][^\"']*text-align:\s*|align=[\"']?)(left|center|right)\b", re.IGNORECASE
)
EMPTY_PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(?:\s|&nbsp;|&#160;|\xa0|<br\s*/?>)*</p>\n?")
# Elements the sanitizer drops with nothing left to read; other dropped tags keep their text.
LOST_WHOLE = {
    "applet", "audio", "canvas", "embed", "frame", "frameset", "iframe", "input", "map",
    "math", "noscript", "object", "script", "select", "style", "svg", "template", "textarea",
    "video",
}  # fmt: skip
PLACEHOLDER = "\x00{}\x00"
PLACEHOLDER_RE = re.compile(r"(?:<p>\s*)?\x00(\d+)\x00(?:\s*</p>)?")


@dataclass
class Converted:
    html: str
    notes: list[str] = field(default_factory=list)  # shortcodes removed, for the report


def has_blocks(content: str) -> bool:
    return "<!-- wp:" in content


def convert(content: str, footnotes: str = "") -> Converted:
    """Turn stored WordPress content into Newsroom body HTML, noting what was lost.

    `footnotes` is the post's `footnotes` meta (JSON, WordPress 6.3+). Not sanitized here:
    `Article.body` sanitizes on save, like every other input; what that will remove is noted.
    """
    notes: list[str] = []
    held: list[str] = []  # figures and <pre> blocks kept out of autop's way

    def hold(fragment: str) -> str:
        held.append(fragment)
        return "\n\n" + PLACEHOLDER.format(len(held) - 1) + "\n\n"

    content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks = has_blocks(content)
    content = MORE_RE.sub("", content)
    # Each pass runs only when its marker is there: most posts need few of them (speed target).
    if "embed" in content:
        content = EMBED_BLOCK_RE.sub(lambda match: _embed_block(match, hold, notes), content)
    content = BLOCK_COMMENT_RE.sub("", content)
    content = PRE_RE.sub(lambda match: hold(match.group(0)), content)
    if "wp-block-embed" in content:
        content = EMBED_FIGURE_RE.sub(lambda match: _embed_block(match, hold, notes), content)
    if "<iframe" in content or "<IFRAME" in content:
        content = IFRAME_RE.sub(lambda match: _iframe(match, hold), content)
    if "wp-block-button" in content:
        content = BUTTON_RE.sub(lambda match: _button(match, notes), content)
    content = _shortcodes(content, hold, notes)
    content = OWN_LINE_URL_RE.sub(lambda match: _own_line_url(match, hold), content)
    if not blocks:
        content = autop(content)
    content = PLACEHOLDER_RE.sub(lambda match: held[int(match.group(1))], content)
    content = PARAGRAPH_URL_RE.sub(lambda m: embed_figure(m.group(1)) or m.group(0), content)
    content = footnotes_list(content, footnotes, notes)
    content = _headings_shifted(content)
    if "align" in content:
        content = _aligned(content)
    content = EMPTY_PARAGRAPH_RE.sub("", content)
    notes += _sanitizer_notes(content)
    return Converted(content.strip(), notes)


def embed_figure(url: str, title: str = "") -> str | None:
    """The body's embed form for a web address (a link card when no provider knows it)."""
    found = embeds.match(html.unescape(url))
    if found is None:
        return None
    text = html.escape(title.strip() or found.url)
    return (
        f'<figure data-embed="{found.key}"><a href="{html.escape(found.url)}">{text}</a></figure>'
    )


def _embed_block(match: re.Match, hold, notes: list[str]) -> str:
    """An embed block (with or without its comments) → an embed; its caption is its title."""
    if match.re is EMBED_BLOCK_RE:
        settings, inner = match.group(2), match.group(3)
    else:
        settings, inner = None, match.group(1)
    url = ""
    if settings:
        try:
            data = json.loads(settings)
        except ValueError:
            data = {}
        url = data.get("url", "") if isinstance(data, dict) else ""
        url = url if isinstance(url, str) else ""
    if not url and (wrapper := EMBED_WRAPPER_RE.search(inner)):
        url = wrapper.group(1)
    caption = FIGCAPTION_RE.search(inner)
    figure = embed_figure(url, plain_text(caption.group(1)) if caption else "")
    if figure is None:
        notes.append("embed without a usable address: its text kept")
        return strip_tags(inner).strip() and f"<p>{html.escape(plain_text(inner))}</p>"
    return hold(figure)


def _provider_embed(url: str) -> str | None:
    """An embed, only when a provider of ours plays `url` (never a link card)."""
    found = embeds.match(html.unescape(url or ""))
    return embed_figure(found.url) if found and found.provider else None


def _iframe(match: re.Match, hold) -> str:
    figure = _provider_embed(match.group(1) or match.group(2))
    return hold(figure) if figure else match.group(0)  # else the sanitizer drops it, noted


def _own_line_url(match: re.Match, hold) -> str:
    figure = embed_figure(match.group(1))
    return hold(figure) if figure else match.group(0)


def _button(match: re.Match, notes: list[str]) -> str:
    """A button block's link as a paragraph of its own; a button without a link as text."""
    text = match.group(3).strip()
    href = HREF_RE.search(match.group(2))
    if href and (url := (href.group(1) or href.group(2) or "").strip()):
        return f'\n\n<p><a href="{html.escape(html.unescape(url))}">{text}</a></p>\n\n'
    notes.append("button without a link: kept as text")
    return f"\n\n<p>{text}</p>\n\n" if text else ""


def _headings_shifted(content: str) -> str:
    """With an `h1` in the body (the page's title is the only one), every heading goes down a
    level; `h6` stays `h6`."""
    if not re.search(r"<h1\b", content, re.IGNORECASE):
        return content
    return HEADING_TAG_RE.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", content)


def _aligned(content: str) -> str:
    """WordPress's alignment (`has-text-align-center`, `aligncenter`, `text-align:center`,
    `align="center"`) as our one class family, `align-center`; other classes are left for the
    sanitizer to drop."""

    def tag(match: re.Match) -> str:
        attributes = match.group(2)
        classes = CLASS_ATTR_RE.search(attributes)
        class_text = (classes.group(1) or classes.group(2) or "") if classes else ""
        found = ALIGN_CLASS_RE.search(class_text) or ALIGN_STYLE_RE.search(attributes)
        if not found:
            return match.group(0)
        align = f"align-{found.group(1).lower()}"
        if classes:
            attributes = CLASS_ATTR_RE.sub(f'class="{html.escape(class_text)} {align}"', attributes)
        else:
            attributes += f' class="{align}"'
        return f"<{match.group(1)}{attributes}>"

    return ALIGNABLE_TAG_RE.sub(tag, content)


def _sanitizer_notes(content: str) -> list[str]:
    """What the sanitizer will drop on save, named: "removed: <iframe> ×2"."""
    removed = removed_elements(content)
    if not removed:
        return []

    def named(names: list[str]) -> str:
        return ", ".join(f"<{n}>" + (f" ×{removed[n]}" if removed[n] > 1 else "") for n in names)

    lost = sorted(name for name in removed if name in LOST_WHOLE)
    unwrapped = sorted(name for name in removed if name not in LOST_WHOLE)
    notes = [f"removed: {named(lost)}"] if lost else []
    notes += [f"tags removed, their text kept: {named(unwrapped)}"] if unwrapped else []
    return notes


def _attrs(text: str) -> dict[str, str]:
    return {
        match.group(1).lower(): html.unescape(next(g for g in match.groups()[1:] if g is not None))
        for match in ATTR_RE.finditer(text)
    }


def _shortcodes(content: str, hold, notes: list[str]) -> str:
    def replace(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[escaped]] prints literally
        name = match.group(2).lower()
        attributes, self_closing, inner = match.group(3), match.group(4), match.group(5)
        if name in {"caption", "wp_caption"}:
            return hold(_figure(_attrs(attributes), _shortcodes(inner or "", hold, notes)))
        if name == "embed" and inner:
            if figure := embed_figure(inner.strip()):
                return hold(figure)
            notes.append("[embed] without a usable address: its text kept")
            return f"\n\n<p>{html.escape(inner.strip())}</p>\n\n"
        found = URL_IN_TEXT_RE.search(f"{attributes} {inner or ''}")
        if name in URL_SHORTCODES and found and (figure := embed_figure(found.group(0))):
            return hold(figure)
        if name == "video" and (figure := _provider_embed(_attrs(attributes).get("src", ""))):
            return hold(figure)  # a provider's video (YouTube…), not an uploaded file
        if name in MEDIA_SHORTCODES:
            media = _media(name, _attrs(attributes), inner or "")
            if not media:
                notes.append(f"[{name}] without a file removed")
            return hold(media) if media else ""
        looks_like_shortcode = "=" in attributes or self_closing or inner is not None
        if not looks_like_shortcode:
            return match.group(0)
        notes.append(f"unknown shortcode [{name}] removed (enclosed text kept)")
        return _shortcodes(inner or "", hold, notes)

    return SHORTCODE_RE.sub(replace, content)


def _media(name: str, attributes: dict[str, str], inner: str) -> str:
    """A media shortcode as the markup `body_media` resolves against the uploads: a gallery or
    playlist as a placeholder figure naming its attachment IDs (none: the post's attachments),
    a video or audio as the element with its file's URL."""
    if name in {"gallery", "playlist"}:
        ids = ",".join(re.findall(r"\d+", attributes.get("ids") or attributes.get("include", "")))
        kind = attributes.get("type", "audio") if name == "playlist" else "image"
        kind = kind if kind in {"audio", "video", "image"} else "audio"
        return f'<figure class="wp-shortcode-{name}" data-ids="{ids}" data-type="{kind}"></figure>'
    keys = ("src", *MEDIA_FORMATS[name])
    url = next((attributes[key] for key in keys if attributes.get(key)), inner.strip())
    return f'<{name} src="{html.escape(url, quote=True)}"></{name}>' if url else ""


def _figure(attributes: dict[str, str], inner: str) -> str:
    match = CAPTION_MEDIA_RE.match(inner)
    media, caption = (match.group(1), match.group(2)) if match else ("", inner)
    caption = attributes.get("caption") or caption.strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{media}{figcaption}</figure>"


def autop(text: str) -> str:
    """Blank-line-separated text becomes paragraphs, single newlines `<br>` (like wpautop)."""
    if not text.strip():
        return ""
    text = BLOCK_OPEN_RE.sub(r"\n\n\1", text)
    text = BLOCK_CLOSE_RE.sub(r"\1\n\n", text)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("\x00"):
            out.append(chunk)
            continue
        lead = ""
        container = PARAGRAPH_CONTAINER_OPEN_RE.match(chunk)
        if container:
            lead, chunk = container.group(1), chunk[container.end() :]
        elif STARTS_WITH_BLOCK_RE.match(chunk):
            out.append(chunk)
            continue
        closers = TRAILING_CLOSERS_RE.search(chunk)
        tail = ""
        if closers:
            tail, chunk = closers.group(1).strip(), chunk[: closers.start()]
        chunk = chunk.strip()
        if chunk and not BLOCK_OPEN_RE.search(chunk):
            chunk = "<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>"
        out.append(lead + chunk + tail)
    return "\n".join(out)


def plain_text(fragment: str) -> str:
    """Markup and entities reduced to text, whitespace collapsed (titles, standfirsts, teasers)."""
    text = html.unescape(strip_tags(BLOCK_COMMENT_RE.sub("", fragment or "")))
    return " ".join(text.split())
