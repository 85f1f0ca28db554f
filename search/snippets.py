"""What both backends promise about snippets: their length, and that `<mark>` is the only markup.

Snippets are cut from the text a reader sees (tags dropped, entities decoded), then every piece
is escaped and only our own `<mark>` elements are put around the matches.
"""

import html
import re

SNIPPET_WORDS = 30
MARK_START, MARK_STOP = "<mark>", "</mark>"
HTML_TAG = re.compile(r"<[^>]+>")


def plain_text(body_html: str) -> str:
    """The reader-visible text of stored HTML: tags dropped, entities decoded, spaces folded."""
    return " ".join(html.unescape(HTML_TAG.sub(" ", body_html or "")).split())
