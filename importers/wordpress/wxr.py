"""Streaming, safe reader for WordPress eXtended RSS (WXR) exports, versions 1.0 to 1.2.

The file is read with lxml's `iterparse` and every element is cleared once handled, so memory
stays bounded whatever the export size. Entities are never resolved, DTDs never loaded and the
network never touched; a document type declaration is refused outright (WXR never has one, and
it is how entity-expansion bombs and external entities get in).

Namespaces differ between WXR versions (`http://wordpress.org/export/1.0/` … `1.2/`, `http` or
`https`), so elements are recognised by a short prefix derived from their namespace URI.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree


class WXRError(Exception):
    """The file cannot be read as a WordPress export; `line` says where, when known."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category or tag declared at channel level."""

    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    parent: str = ""
    description: str = ""
    term_id: int = 0  # what menu items name a category or tag by


@dataclass
class Item:
    """One `<item>`: a post, page, attachment, menu item or other post type."""

    line: int
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_id: int = 0
    post_date: str = ""
    post_date_gmt: str = ""
    post_name: str = ""
    status: str = ""
    post_type: str = ""
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    post_parent: int = 0  # a page's parent page, an attachment's post
    menu_order: int = 0
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # domain, slug, name
    meta: list[tuple[str, str]] = field(default_factory=list)
    comments: int = 0
    comment_list: list["Comment"] = field(default_factory=list)

    def meta_values(self, key: str) -> list[str]:
        return [value for meta_key, value in self.meta if meta_key == key]


@lru_cache(maxsize=64)
def _prefix(namespace: str) -> str:
    """Map any WXR-era namespace URI to the prefix WordPress uses for it."""
    ns = namespace.lower()
    if "wordpress.org/export" in ns:
        return "excerpt" if ns.rstrip("/").endswith("excerpt") else "wp"
    if "purl.org/rss/1.0/modules/content" in ns:
        return "content"
    if "purl.org/dc/elements" in ns:
        return "dc"
    return ns


@lru_cache(maxsize=256)
def _key(tag: str) -> str:
    """`{http://wordpress.org/export/1.2/}post_id` → `wp:post_id`; `title` → `title`."""
    if tag.startswith("{"):
        namespace, local = tag[1:].split("}", 1)
        return f"{_prefix(namespace)}:{local}"
    return tag


def _text(element) -> str:
    return (element.text or "").strip()


def _markup(element) -> str:
    """A field's HTML: CDATA or escaped text as WordPress writes it, or (from other tools)
    unescaped markup that the XML parser turned into child elements."""
    if len(element) == 0:
        return element.text or ""
    children = "".join(etree.tostring(child, encoding="unicode") for child in element)
    return (element.text or "") + children


def _children(element) -> Iterator[tuple[str, object]]:
    for child in element:
        if isinstance(child.tag, str):
            yield _key(child.tag), child


DTD_REFUSED = (
    "the file declares a DTD or entities; WordPress exports never do, and they can hide "
    "entity-expansion bombs or external file reads, so the file is refused"
)


def _refuse_doctype(path: Path) -> None:
    """Reject an empty file, and a DTD before parsing: nothing legitimate in a WXR file needs
    one."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if not head.strip():
        raise WXRError(
            "the file is empty" + (" (only blank space)" if head else "") + "; export it again "
            "from WordPress (Tools › Export) and check the download finished"
        )
    start = head.find(b"<rss")
    prolog = head if start < 0 else head[:start]
    if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
        line = prolog[: prolog.upper().find(b"<!")].count(b"\n") + 1
        raise WXRError(DTD_REFUSED, line)


def read_author(element) -> Author:
    data = {key: _text(child) for key, child in _children(element)}
    return Author(
        login=data.get("wp:author_login", ""),
        email=data.get("wp:author_email", ""),
        display_name=data.get("wp:author_display_name", ""),
        first_name=data.get("wp:author_first_name", ""),
        last_name=data.get("wp:author_last_name", ""),
    )


def read_term(key: str, element) -> Term | None:
    data = {child_key: _text(child) for child_key, child in _children(element)}
    if key == "wp:category":
        return Term(
            "category",
            data.get("wp:category_nicename", ""),
            data.get("wp:cat_name", ""),
            data.get("wp:category_parent", ""),
            data.get("wp:category_description", ""),
            _number(data.get("wp:term_id", "")),
        )
    if key == "wp:tag":
        return Term(
            "post_tag",
            data.get("wp:tag_slug", ""),
            data.get("wp:tag_name", ""),
            term_id=_number(data.get("wp:term_id", "")),
        )
    if data.get("wp:term_taxonomy") in {"category", "post_tag"}:
        return Term(
            data["wp:term_taxonomy"],
            data.get("wp:term_slug", ""),
            data.get("wp:term_name", ""),
            data.get("wp:term_parent", ""),
            data.get("wp:term_description", ""),
            _number(data.get("wp:term_id", "")),
        )
    return None


def _number(text: str) -> int:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else 0


def read_item(element) -> Item:
    item = Item(line=element.sourceline or 0)
    simple = {
        "link": "link",
        "guid": "guid",
        "dc:creator": "creator",
        "wp:post_date": "post_date",
        "wp:post_date_gmt": "post_date_gmt",
        "wp:post_name": "post_name",
        "wp:status": "status",
        "wp:post_type": "post_type",
        "wp:post_password": "password",
        "wp:attachment_url": "attachment_url",
    }
    for key, child in _children(element):
        if key in simple:
            setattr(item, simple[key], _text(child))
        elif key == "title":
            item.title = "".join(child.itertext()).strip()
        elif key == "content:encoded":
            item.content = _markup(child)
        elif key == "excerpt:encoded":
            item.excerpt = _markup(child)
        elif key == "wp:post_id":
            post_id = _text(child)
            item.post_id = int(post_id) if post_id.isdigit() else 0  # the importer reports it
        elif key == "wp:post_parent":
            item.post_parent = _number(_text(child))
        elif key == "wp:menu_order":
            item.menu_order = _number(_text(child))
        elif key == "wp:is_sticky":
            item.sticky = _text(child) == "1"
        elif key == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), _text(child))
            )
        elif key == "wp:postmeta":
            meta = {k: (c.text or "") for k, c in _children(child)}
            item.meta.append((meta.get("wp:meta_key", "").strip(), meta.get("wp:meta_value", "")))
        elif key == "wp:comment":
            item.comments += 1
            item.comment_list.append(read_comment(child))
    return item


@dataclass(frozen=True)
class Comment:
    """A reader's comment on an item; only what the import's report shows."""

    comment_id: str
    author: str
    date: str
    approved: bool
    kind: str  # "" for a comment, "pingback", "trackback"
    text: str


def read_comment(element) -> Comment:
    data = {key: _text(child) for key, child in _children(element)}
    return Comment(
        comment_id=data.get("wp:comment_id", ""),
        author=data.get("wp:comment_author", ""),
        date=data.get("wp:comment_date_gmt") or data.get("wp:comment_date", ""),
        approved=data.get("wp:comment_approved", "") == "1",
        kind=data.get("wp:comment_type", ""),
        text=data.get("wp:comment_content", "")[:2000],
    )


@dataclass
class Channel:
    """What the channel declares before its items."""

    site_url: str = ""  # wp:base_site_url: https://wordpress.com for every WordPress.com blog
    blog_url: str = ""  # wp:base_blog_url: the blog's own address
    link: str = ""
    title: str = ""
    wxr_version: str = ""


def read(path: str | Path) -> Iterator[Channel | Author | Term | Item]:
    """Yield the export's site info, authors, terms and items in file order.

    Raises `WXRError` (with the line number) for malformed XML or a file that is not a WXR
    export. Everything already yielded stays valid: callers decide what a late error means.
    """
    path = Path(path)
    try:
        _refuse_doctype(path)
    except OSError as error:
        raise WXRError(f"cannot read {path}: {error.strerror}") from None
    channel = Channel()
    channel_sent = False
    try:
        for element in _channel_children(path):
            key = _key(element.tag)
            if key == "item":
                if not channel_sent:
                    channel_sent = True
                    yield channel
                yield read_item(element)
            elif node := _read_declaration(key, element, channel):
                yield node
    except etree.XMLSyntaxError as error:
        raise _not_well_formed(error) from None
    if not channel_sent:
        yield channel


def _channel_children(path: Path) -> Iterator:
    """The direct children of `<channel>`, each cleared (with what came before it) once the
    caller is done with it, so memory stays bounded."""
    etree.clear_error_log()  # libxml2's log is per thread: an earlier parse's errors stay in it
    context = etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    depth = 0
    saw_channel = False
    for event, element in context:
        if event == "start":
            depth += 1
            saw_channel |= _is_channel(element, depth)
            continue
        depth -= 1
        if depth != 2 or not isinstance(element.tag, str):
            continue  # only direct children of <channel> are handled (and cleared)
        yield element
        element.clear()
        parent = element.getparent()
        while element.getprevious() is not None:
            del parent[0]
    if not saw_channel:
        raise WXRError("this is not a WordPress export (no <channel> element)")


def _is_channel(element, depth: int) -> bool:
    """Whether a starting element is the `<channel>`; refuses a root that is not `<rss>`."""
    if depth == 1 and element.getroottree().docinfo.internalDTD is not None:
        raise WXRError(DTD_REFUSED, 1)
    if depth == 1 and element.tag != "rss":
        raise WXRError(
            f"this is not a WordPress export (root element <{element.tag}>, expected <rss>)",
            element.sourceline,
        )
    return depth == 2 and element.tag == "channel"


def _read_declaration(key: str, element, channel: Channel) -> Author | Term | None:
    """An author or term declared in the channel; the site URL and WXR version go on
    `channel` (sent before the first item)."""
    if key == "wp:author":
        return read_author(element)
    if key in {"wp:category", "wp:tag", "wp:term"}:
        return read_term(key, element)
    if key == "wp:base_site_url":
        channel.site_url = _text(element).rstrip("/")
    elif key == "wp:base_blog_url":
        channel.blog_url = _text(element).rstrip("/")
    elif key == "link":
        channel.link = _text(element).rstrip("/")
    elif key == "title":
        channel.title = _text(element)
    elif key == "wp:wxr_version":
        channel.wxr_version = _text(element)
    return None


def _not_well_formed(error: etree.XMLSyntaxError) -> WXRError:
    """The first error libxml2 logged, with its line: the one at the end ("no element found")
    is often only a consequence (an undefined entity such as `&nbsp;` stops the parse)."""
    first = next((entry for entry in error.error_log if entry.line and entry.level >= 2), None)
    line = error.lineno or (first.line if first else None)
    message = error.msg or str(error)
    if first is not None and (not error.lineno or first.line < error.lineno):
        line, message = first.line, first.message
        if first.type_name == "ERR_UNDECLARED_ENTITY":
            message += (
                " (HTML entities such as &nbsp; are not XML; WordPress writes them escaped, so "
                "the file was edited or damaged after export)"
            )
    if message.startswith("line "):  # lxml sometimes repeats the position
        message = message.split(":", 1)[-1].strip()
    return WXRError(f"the file is not well-formed XML: {message}", line)
