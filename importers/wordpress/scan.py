"""The first, read-only pass over a WordPress export: what the file holds, before any write.

Reading the whole file first means a malformed export is refused before anything is written,
and featured images can be resolved even though WordPress lists attachments after the posts
that use them.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from importers.wordpress import navigation, wxr
from importers.wordpress.content import plain_text


@dataclass
class Attachment:
    url: str
    alt: str
    caption: str
    link: str = ""  # its attachment page on the old site
    parent: int = 0  # the post it was uploaded to (a bare [gallery] shows these)


@dataclass
class Scan:
    """What the first, read-only pass learned about the file."""

    # Which blog the export comes from: its own address (wp:base_blog_url, else the channel's
    # link), not wp:base_site_url, which is https://wordpress.com for every WordPress.com blog.
    site_url: str = ""
    title: str = ""
    wxr_version: str = ""
    post_guids: dict[int, str] = field(default_factory=dict)  # to tell two blogs apart
    addresses: tuple[str, ...] = ()  # every address the channel gives the old site
    authors: list[wxr.Author] = field(default_factory=list)
    terms: list[wxr.Term] = field(default_factory=list)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    item_types: Counter = field(default_factory=Counter)
    comments: int = 0
    menus: dict[str, str] = field(default_factory=dict)  # nav menu slug → name, in file order
    navigations: dict[str, str] = field(default_factory=dict)  # block-theme navigation posts

    @property
    def posts(self) -> int:
        return self.item_types["post"]


def scan(path: Path) -> Scan:
    """Read the whole file once without writing anything (raises `wxr.WXRError`)."""
    result = Scan()
    for node in wxr.read(path):
        if isinstance(node, wxr.Channel):
            result.site_url = node.blog_url or node.link or node.site_url
            result.title, result.wxr_version = node.title, node.wxr_version
            result.addresses = (node.blog_url, node.link, node.site_url)
        elif isinstance(node, wxr.Author):
            result.authors.append(node)
        elif isinstance(node, wxr.Term):
            result.terms.append(node)
        elif isinstance(node, wxr.Item):
            result.item_types[node.post_type or "(no type)"] += 1
            result.comments += node.comments
            for domain, slug, name in node.categories if node.post_type == "nav_menu_item" else ():
                if domain == "nav_menu" and slug:
                    result.menus.setdefault(slug, name or slug)
            if node.post_type == navigation.NAVIGATION:
                slug = navigation.menu_slug(node)
                result.navigations.setdefault(slug, navigation.menu_name(node))
            if node.post_type == "post" and node.guid:
                result.post_guids[node.post_id] = node.guid
            if node.post_type == "attachment":
                result.attachments[node.post_id] = Attachment(
                    url=node.attachment_url or node.guid,
                    alt=plain_text(next(iter(node.meta_values("_wp_attachment_image_alt")), "")),
                    caption=plain_text(node.excerpt),
                    link=node.link,
                    parent=node.post_parent,
                )
    if not result.wxr_version:
        raise wxr.WXRError("this is not a WordPress export (no wp:wxr_version in the channel)")
    return result
