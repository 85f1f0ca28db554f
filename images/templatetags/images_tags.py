"""`{% picture %}`: responsive, layout-stable markup for a library image.

Everything comes from the image row (select_related by the page's queryset) and the rendition
plan, a pure function: the tag never queries the database or touches storage.
"""

import html
from dataclasses import dataclass

from django import template
from django.utils.safestring import SafeString

from images.models import Image

register = template.Library()


@dataclass(frozen=True)
class Preset:
    family: str  # rendition family: "original", "16x9", "1x1", "social"
    sizes: str
    display: int | None = None  # fixed CSS width in px (avatars), else fluid


PRESETS = {
    # The article's lead image: the measure column on wide screens, the viewport otherwise.
    "lead": Preset("original", "(min-width: 60rem) 42rem, calc(100vw - 2rem)"),
    # Teasers: a full-width list by default; includes pass narrower `sizes` where they are.
    "teaser": Preset("16x9", "(min-width: 75rem) 73rem, calc(100vw - 2rem)"),
    "avatar": Preset("1x1", "96px", display=96),
    "portrait": Preset("1x1", "160px", display=160),
}


@register.simple_tag
def picture(
    image: Image | None,
    preset: str = "lead",
    alt: str | None = None,
    sizes: str = "",
    css_class: str = "",
    priority: bool = False,
) -> SafeString:
    """A <picture> with WebP and JPEG/PNG srcsets, explicit width/height, lazy unless `priority`.

    `alt` overrides the image's alt text ("" for a decorative copy, e.g. a teaser whose headline
    is the link text). `priority` marks the page's main image: fetched first, never lazy.
    Until the renditions exist, the clean original is shown instead.
    """
    if image is None:
        return SafeString("")
    spec = PRESETS[preset]
    alt = image.alt_text if alt is None else alt
    sizes = sizes or spec.sizes
    loading = {"fetchpriority": "high"} if priority else {"loading": "lazy"}
    renditions = image.renditions_of(spec.family) if image.renditions_ready else []
    if not renditions:
        width, height = _display_size(spec, image.width, image.height)
        return _img(image.original_url(), None, None, width, height, alt, css_class, loading)

    largest = renditions[-1]
    width, height = _display_size(spec, largest.width, largest.height)
    # `src` is for browsers without srcset: 2× a fixed display size, else a mid-size width.
    wanted = 2 * spec.display if spec.display else 640
    default = next((r for r in renditions if r.width >= wanted), largest)
    fallback_ext = largest.fallback_format
    webp = _srcset(image, renditions, "webp") if "webp" in largest.formats else ""
    img = _img(
        image.rendition_url(default, fallback_ext),
        _srcset(image, renditions, fallback_ext),
        sizes,
        width,
        height,
        alt,
        css_class,
        loading,
    )
    if not webp:
        return img
    source = f'<source type="image/webp" srcset="{escape(webp)}" sizes="{escape(sizes)}">'
    return SafeString(f"<picture>{source}{img}</picture>")


def escape(value) -> str:
    """Django's `conditional_escape()` (its `&quot;` and `&#x27;`) as a plain string, without
    its checks for lazy arguments: a list page escapes some four hundred attribute values."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _display_size(spec: Preset, width: int, height: int) -> tuple[int, int]:
    if spec.display is None:
        return width, height
    return spec.display, max(1, round(spec.display * height / width))


def _srcset(image: Image, renditions: list, extension: str) -> str:
    return ", ".join(f"{image.rendition_url(r, extension)} {r.width}w" for r in renditions)


def _img(src, srcset, sizes, width, height, alt, css_class, loading) -> SafeString:
    attributes = [("src", src)]
    if srcset:
        attributes += [("srcset", srcset), ("sizes", sizes)]
    attributes += [("width", width), ("height", height), ("alt", alt)]
    if css_class:
        attributes.append(("class", css_class))
    attributes += [*loading.items(), ("decoding", "async")]
    # As format_html_join would write them (names are ours, so only values are escaped), at
    # a third of its CPU: a list page writes a few hundred of these attributes.
    markup = " ".join(f'{name}="{escape(value)}"' for name, value in attributes)
    return SafeString(f"<img {markup}>")
