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
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # domain, slug, name
    meta: list[tuple[str, str]] = field(default_factory=list)
    comments: int = 0

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
    """Reject a DTD before parsing: nothing legitimate in a WXR file needs one."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
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
        )
    if key == "wp:tag":
        return Term("post_tag", data.get("wp:tag_slug", ""), data.get("wp:tag_name", ""))
    if data.get("wp:term_taxonomy") in {"category", "post_tag"}:
        return Term(
            data["wp:term_taxonomy"],
            data.get("wp:term_slug", ""),
            data.get("wp:term_name", ""),
            data.get("wp:term_parent", ""),
            data.get("wp:term_description", ""),
        )
    return None


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
    return item


@dataclass
class Channel:
    """What the channel declares before its items."""

    site_url: str = ""
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
    channel = Channel()
    channel_sent = False
    saw_channel = False
    try:
        for event, element in context:
            if event == "start":
                depth += 1
                if depth == 1 and element.getroottree().docinfo.internalDTD is not None:
                    raise WXRError(DTD_REFUSED, 1)
                if depth == 1 and element.tag != "rss":
                    raise WXRError(
                        f"this is not a WordPress export (root element <{element.tag}>, "
                        "expected <rss>)",
                        element.sourceline,
                    )
                if depth == 2 and element.tag == "channel":
                    saw_channel = True
                continue
            depth -= 1
            if depth != 2 or not isinstance(element.tag, str):
                continue  # only direct children of <channel> are handled (and cleared)
            key = _key(element.tag)
            if key == "item":
                if not channel_sent:
                    channel_sent = True
                    yield channel
                yield read_item(element)
            elif key == "wp:author":
                yield read_author(element)
            elif key in {"wp:category", "wp:tag", "wp:term"}:
                term = read_term(key, element)
                if term is not None:
                    yield term
            elif key == "wp:base_site_url":
                channel.site_url = _text(element).rstrip("/")
            elif key == "wp:wxr_version":
                channel.wxr_version = _text(element)
            element.clear()
            parent = element.getparent()
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        message = error.msg or str(error)
        if message.startswith("line "):  # lxml sometimes repeats the position
            message = message.split(":", 1)[-1].strip()
        raise WXRError(f"the file is not well-formed XML: {message}", line) from None
    if not saw_channel:
        raise WXRError("this is not a WordPress export (no <channel> element)")
    if not channel_sent:
        yield channel
