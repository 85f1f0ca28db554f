"""The body editor's configuration: which blocks the toolbar offers and where it asks for images.

django-prose-editor (Tiptap) draws the editor; our extensions live in
`static/richtext/editor.js` and are loaded through `DJANGO_PROSE_EDITOR_EXTENSIONS` (settings).
What the editor offers is a convenience: `core.sanitize.clean_html` decides what is stored.
"""

from django.urls import reverse_lazy

from core import embeds

# Toolbar rows: headings as named buttons first (never a dropdown), then lists, blocks, marks.
MENU_GROUPS = [
    {"group": "headings"},
    {"group": "lists"},
    {"group": "nodes -headings -lists -blockType"},
    {"group": "marks"},
    {"group": "link"},
    {"group": "newsroom"},
    {"group": "table"},
    {"group": "history"},
    {"group": "utility"},
]

EDITOR_EXTENSIONS = {
    "Menu": {"groups": MENU_GROUPS},
    "NoSpellCheck": False,  # the library's default turns the browser's spellcheck off
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "Heading": {"levels": [2, 3, 4, 5, 6]},  # buttons for 2-4; 5 and 6 kept from imports
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # Kept so bodies written before the library chooser (an <img> of our media) stay editable.
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "NewsroomEditor": {
        "chooserUrl": reverse_lazy("richtext:image_choices"),
        "uploadUrl": reverse_lazy("richtext:image_upload"),
        "thumbnailUrl": reverse_lazy("richtext:image_thumbnail", kwargs={"pk": 0}),
    },
    "CleanPaste": True,
    "LibraryImage": True,
    "Gallery": True,
    "PullQuote": True,
    "FactBox": True,
    "Embed": {"providers": embeds.js_patterns()},
    "KeepMarkup": True,
}

# The names our JavaScript module exports, for DJANGO_PROSE_EDITOR_EXTENSIONS.
NEWSROOM_EXTENSIONS = (
    "NewsroomEditor", "CleanPaste", "LibraryImage", "Gallery", "PullQuote", "FactBox", "Embed",
    "KeepMarkup",
)  # fmt: skip


def no_allowlist(config, shared_config) -> None:
    """The library's own sanitizer is not used (core.sanitize is): nothing to add to it."""
