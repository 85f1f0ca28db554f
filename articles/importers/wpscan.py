"""The first, read-only pass over a WordPress export: what the file holds, before any write.

Reading the whole file first means a malformed export is refused before anything is written,
and featured images can be resolved even though WordPress lists attachments after the posts
that use them.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import wxr
from .wpcontent import plain_text


@dataclass
class Attachment:
    url: str
    alt: str
    caption: str


@dataclass
class Scan:
    """What the first, read-only pass learned about the file."""

    site_url: str = ""
    wxr_version: str = ""
    authors: list[wxr.Author] = field(default_factory=list)
    terms: list[wxr.Term] = field(default_factory=list)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    item_types: Counter = field(default_factory=Counter)
    comments: int = 0

    @property
    def posts(self) -> int:
        return self.item_types["post"]


def scan(path: Path) -> Scan:
    """Read the whole file once without writing anything (raises `wxr.WXRError`)."""
    result = Scan()
    for node in wxr.read(path):
        if isinstance(node, wxr.Channel):
            result.site_url, result.wxr_version = node.site_url, node.wxr_version
        elif isinstance(node, wxr.Author):
            result.authors.append(node)
        elif isinstance(node, wxr.Term):
            result.terms.append(node)
        elif isinstance(node, wxr.Item):
            result.item_types[node.post_type or "(no type)"] += 1
            result.comments += node.comments
            if node.post_type == "attachment":
                result.attachments[node.post_id] = Attachment(
                    url=node.attachment_url or node.guid,
                    alt=plain_text(next(iter(node.meta_values("_wp_attachment_image_alt")), "")),
                    caption=plain_text(node.excerpt),
                )
    if not result.wxr_version:
        raise wxr.WXRError("this is not a WordPress export (no wp:wxr_version in the channel)")
    return result
