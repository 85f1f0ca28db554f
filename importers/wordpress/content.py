"""WordPress post content → Newsroom body HTML.

WordPress stores "classic" posts as text where blank lines mean paragraphs (its `wpautop`
filter adds the `<p>` tags when the page is shown) and `[shortcodes]` expand into markup.
Block-editor (Gutenberg) posts already hold their HTML, wrapped in `<!-- wp:... -->` comments,
and WordPress does not run `wpautop` on them; neither do we.

Shortcodes:
- `[caption]` becomes `<figure>` with `<figcaption>`.
- `[embed]URL[/embed]` becomes a paragraph with a link to URL.
- `[gallery]`, `[playlist]`, `[audio]`, `[video]` become markup that `body_media` resolves
  against the uploads (library images, galleries, stored video and audio files).
- Any other shortcode-looking tag (with attributes, self-closing or with a closing tag) is
  removed and its enclosed text kept. A bare `[word]` stays as text: it is usually prose
  ("[sic]", "[1]"), not a shortcode.
Every removal is reported, so an editor can redo what the old site's plugins did.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

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
PLACEHOLDER = "\x00{}\x00"
PLACEHOLDER_RE = re.compile(r"(?:<p>\s*)?\x00(\d+)\x00(?:\s*</p>)?")


@dataclass
class Converted:
    html: str
    notes: list[str] = field(default_factory=list)  # shortcodes removed, for the report


def has_blocks(content: str) -> bool:
    return "<!-- wp:" in content


def convert(content: str) -> Converted:
    """Turn stored WordPress content into Newsroom body HTML, noting what was lost.

    Not sanitized here: `Article.body` sanitizes on save, like every other input.
    """
    notes: list[str] = []
    held: list[str] = []  # figures and <pre> blocks kept out of autop's way

    def hold(fragment: str) -> str:
        held.append(fragment)
        return "\n\n" + PLACEHOLDER.format(len(held) - 1) + "\n\n"

    content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks = has_blocks(content)
    content = BLOCK_COMMENT_RE.sub("", content)
    content = PRE_RE.sub(lambda match: hold(match.group(0)), content)
    content = _shortcodes(content, hold, notes)
    if not blocks:
        content = autop(content)
    content = PLACEHOLDER_RE.sub(lambda match: held[int(match.group(1))], content)
    return Converted(content.strip(), notes)


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
            url = html.escape(inner.strip(), quote=True)
            return f'\n\n<p><a href="{url}">{url}</a></p>\n\n'
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
