"""The colour pairs of static/css/site.css meet WCAG 2.2 AA contrast, in light and dark themes.

The ratios are computed from the CSS custom properties themselves, so changing a colour in the
stylesheet is checked at once (axe-core checks the rendered pages in the browser tests too).
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "site.css"

# (foreground, background, minimum): text needs 4.5:1 (1.4.3), focus rings and other
# non-text indicators 3:1 against what they sit on (1.4.11).
TEXT = 4.5
NON_TEXT = 3.0
PAIRS = [
    ("fg", "bg", TEXT),
    ("muted", "bg", TEXT),  # datelines, captions, intros
    ("accent", "bg", TEXT),  # section labels
    ("link", "bg", TEXT),
    ("fg", "panel", TEXT),  # author box, footer, code blocks
    ("muted", "panel", TEXT),
    ("link", "panel", TEXT),
    ("header-fg", "header-bg", TEXT),  # site title, navigation
    ("focus", "bg", NON_TEXT),
    ("focus", "panel", NON_TEXT),
    ("header-fg", "header-bg", NON_TEXT),  # the focus ring inside the header
]


def custom_properties(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;", block))


def themes(css: str) -> dict[str, dict[str, str]]:
    """The light colours from the first :root block, the dark ones layered over them."""
    light = custom_properties(re.search(r":root\s*{(.*?)}", css, re.S).group(1))
    dark_block = re.search(
        r"@media\s*\(prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{(.*?)}", css, re.S
    ).group(1)
    return {"light": light, "dark": {**light, **custom_properties(dark_block)}}


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_the_wcag_reference_values():
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#595959", "#ffffff") == pytest.approx(7.0, abs=0.01)


def test_both_themes_define_every_colour_the_pairs_use():
    for name, colours in themes(CSS.read_text()).items():
        missing = {key for pair in PAIRS for key in pair[:2]} - colours.keys()
        assert not missing, f"{name} theme lacks --{', --'.join(sorted(missing))}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_colour_pairs_meet_wcag_aa_contrast(theme):
    colours = themes(CSS.read_text())[theme]
    failing = [
        f"--{fg} on --{bg}: {contrast(colours[fg], colours[bg]):.2f} < {minimum}"
        for fg, bg, minimum in PAIRS
        if contrast(colours[fg], colours[bg]) < minimum
    ]
    assert not failing, f"{theme} theme: {failing}"


def test_dark_theme_really_changes_the_colours():
    light, dark = themes(CSS.read_text()).values()
    assert luminance(dark["bg"]) < luminance(dark["fg"])
    assert luminance(light["bg"]) > luminance(light["fg"])
