"""SVG logos cleaned to drawing only: an allowlist of shapes and presentation attributes.

An SVG is a document that can run scripts, load other files and carry event handlers; opened
directly from our media URL it would run them on our origin. Only the elements and attributes
that draw are kept, references may point only inside the file (`#id`), and a file with a
DOCTYPE or entities (billion laughs, external entities) is refused outright.
"""

import re

from django.core.exceptions import ValidationError
from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
MAX_BYTES = 512 * 1024

ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop",
    "clipPath", "mask", "use", "symbol",
}  # fmt: skip
ATTRIBUTES = {
    "id", "class", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
    "r", "rx", "ry", "d", "points", "fill", "fill-opacity", "fill-rule", "clip-rule", "stroke",
    "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
    "stroke-dasharray", "opacity", "transform", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "clip-path", "mask",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", "letter-spacing",
    "dominant-baseline", "preserveAspectRatio", "role", "aria-label", "version",
    "clipPathUnits", "maskUnits", "maskContentUnits", "dx", "dy",
}  # fmt: skip
# Presentation attributes whose value may be a `url(...)`: only to this file's own ids.
_URL_VALUE = re.compile(r"url\(\s*['\"]?([^)'\"]*)['\"]?\s*\)")
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+)")


def _bad(message: str) -> ValidationError:
    return ValidationError(message, code="bad_svg")


def _local_reference(value: str) -> bool:
    return all(target.startswith("#") for target in _URL_VALUE.findall(value))


def _clean_element(element) -> None:
    for name in list(element.attrib):
        qname = etree.QName(name)
        value = element.attrib[name]
        if qname.namespace in (None, "") and qname.localname in ATTRIBUTES:
            if "url(" in value and not _local_reference(value):
                del element.attrib[name]
        elif qname.localname == "href" and qname.namespace in (None, "", XLINK_NS):
            if not value.strip().startswith("#"):
                del element.attrib[name]
        else:
            del element.attrib[name]


def clean_svg(data: bytes) -> tuple[bytes, tuple[float, float]]:
    """The SVG `data` reduced to drawing, and its size (from `viewBox`, else width/height).

    Raises ValidationError for anything that is not a well-formed SVG document of ours.
    """
    if len(data) > MAX_BYTES:
        raise _bad(f"The SVG is larger than {MAX_BYTES // 1024} KB; simplify or compress it.")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise _bad("The SVG declares a DOCTYPE or entities; export it without them.")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise _bad("This file is not a well-formed SVG image.") from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise _bad("This file is not an SVG image (its root element is not <svg>).")
    for node in list(root.iter()):
        if node is root:
            _clean_element(node)
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        qname = etree.QName(tag) if tag else None
        if qname is None or qname.namespace != SVG_NS or qname.localname not in ELEMENTS:
            node.getparent().remove(node)  # comments, processing instructions, foreign elements
            continue
        _clean_element(node)
    size = _size(root)
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8"), size


def _size(root) -> tuple[float, float]:
    view_box = root.get("viewBox", "").replace(",", " ").split()
    try:
        if len(view_box) == 4:
            width, height = float(view_box[2]), float(view_box[3])
        else:
            width, height = (
                float(_NUMBER.match(root.get(n, "")).group(1)) for n in ("width", "height")
            )
    except (AttributeError, ValueError) as error:
        raise _bad("The SVG has no size: give it a viewBox.") from error
    if width <= 0 or height <= 0:
        raise _bad("The SVG's viewBox has no area.")
    return width, height
