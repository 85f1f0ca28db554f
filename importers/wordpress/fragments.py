"""Surgery on a body's HTML tree (lxml): replacing an element by others without losing the text
around it, and turning WordPress blocks that hold media into plain figures and text."""

import html
import re

from lxml import etree
from lxml import html as lxml_html

BACKGROUND_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def having_class(root, name: str, *tags: str) -> list:
    """The elements under `root` (of `tags`, else any) with the class `name`, as a list: the
    caller may replace them."""
    return [element for element in root.iter(*tags) if name in classes(element)]


def inner_html(element) -> str:
    text = html.escape(element.text or "", quote=False)
    return text + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in element
    )


def fragment(markup: str):
    return lxml_html.fragment_fromstring(markup)


def replace(old, new: list) -> None:
    """Put `new` elements where `old` was, keeping the text that followed it."""
    parent, tail = old.getparent(), old.tail or ""
    index = parent.index(old)
    parent.remove(old)
    for offset, element in enumerate(new):
        parent.insert(index + offset, element)
    if new:
        new[-1].tail = (new[-1].tail or "") + tail
    elif index > 0:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def attached(element, root) -> bool:
    """Still in the body (an earlier step may have replaced an ancestor)."""
    while element is not None:
        if element is root:
            return True
        element = element.getparent()
    return False


def put(container, new: list) -> None:
    """Replace `container` by block elements: a paragraph holding it is replaced when it
    holds nothing else, else the blocks follow the paragraph."""
    parent = container.getparent()
    if parent is None or parent.tag != "p":
        replace(container, new)
        return
    alone = (
        not (parent.text or "").strip() and len(parent) == 1 and not (container.tail or "").strip()
    )
    if alone:
        replace(parent, new)
        return
    replace(container, [])
    grand = parent.getparent()
    index = grand.index(parent)
    for offset, element in enumerate(new):
        grand.insert(index + 1 + offset, element)
    if new:
        new[-1].tail, parent.tail = parent.tail, None


def unwrap_cover(cover) -> None:
    """A cover block: its image as a figure, then the text that lay over it."""
    media = next((e for e in cover.iter("img", "video") if e is not cover), None)
    background = BACKGROUND_URL.search(cover.get("style") or "")
    new = []
    if media is not None:
        media.getparent().remove(media)
        media.tail = None
        figure = etree.Element("figure")
        figure.append(media)
        new.append(figure if media.tag == "img" else media)
    elif background:
        new.append(
            fragment(f'<figure><img src="{html.escape(background.group(1))}" alt=""></figure>')
        )
    inner = next((e for e in cover.iter() if "wp-block-cover__inner-container" in classes(e)), None)
    new += list(inner) if inner is not None else []
    replace(cover, new)


def unwrap_media_text(block) -> None:
    """Media and text: the media, then the text."""
    new = []
    for part in list(block):
        names = classes(part)
        if "wp-block-media-text__media" in names:
            new += [part] if part.tag == "figure" else [wrap_figure(list(part))]
        elif "wp-block-media-text__content" in names:
            new += list(part)
    replace(block, new)


def wrap_figure(elements: list):
    figure = etree.Element("figure")
    for element in elements:
        figure.append(element)
    return figure
