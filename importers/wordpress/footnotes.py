"""WordPress block footnotes (6.3+) as a footnotes list with working anchors.

WordPress keeps the notes in the post meta `footnotes` (JSON: `[{"id": ..., "content": ...}]`)
and marks each reference in the body as `<sup data-fn="ID">`. Newsroom stores numbered links
(`fn-N-ref` → `fn-N`) and an `<ol class="footnotes">` at the end, the only ids and class the
sanitizer keeps for them.
"""

import html
import json
import re

FOOTNOTE_REF_RE = re.compile(r"<sup\b[^>]*\bdata-fn=\"([^\"]*)\"[^>]*>.*?</sup>", re.DOTALL)


def footnotes_list(content: str, meta: str, notes: list[str]) -> str:
    """Block footnotes: references become `fn-N` links, the notes an `<ol class="footnotes">`."""
    if not meta.strip() and "data-fn=" not in content:
        return content
    try:
        data = json.loads(meta) if meta.strip() else []
    except ValueError:
        data = None
    if not isinstance(data, list):
        notes.append("footnotes could not be read (post meta 'footnotes' is not a JSON list)")
        data = []
    entries = [
        entry
        for entry in data
        if isinstance(entry, dict)
        and isinstance(entry.get("id"), str)
        and isinstance(entry.get("content"), str)
    ][:9999]
    number = {entry["id"]: n for n, entry in enumerate(entries, 1)}
    cited: set[int] = set()

    def reference(match: re.Match) -> str:
        n = number.get(html.unescape(match.group(1)))
        if n is None:
            notes.append("footnote reference without its note removed")
            return ""
        anchor = "" if n in cited else f' id="fn-{n}-ref"'
        cited.add(n)
        return f'<sup><a href="#fn-{n}"{anchor}>{n}</a></sup>'

    content = FOOTNOTE_REF_RE.sub(reference, content)
    if not entries:
        return content
    items = "".join(
        f'<li id="fn-{n}">{entry["content"]}'
        + (f' <a href="#fn-{n}-ref" title="Back to the text">↩</a>' if n in cited else "")
        + "</li>"
        for n, entry in enumerate(entries, 1)
    )
    return f'{content.rstrip()}\n<ol class="footnotes">{items}</ol>'
