"""HTML escaping as MarkupSafe does it, returning a plain string.

`markupsafe.escape()` wraps each result in `Markup`, a second Python call whose only use is to
tell the next step the text is safe. Where the escaped text goes straight into a page, as
Jinja2's `{{ value }}` and the per-story markup (`articles/story_markup.py`) write it, nothing
asks, so `escape_output()` skips the wrapper. Tests: tests/test_templating.py compares the two
on every kind of value.
"""

try:  # MarkupSafe's own escaping, in C, without wrapping the result
    from markupsafe._speedups import _escape_inner
except ImportError:  # MarkupSafe built without its C speedups
    from markupsafe._native import _escape_inner


def escape_output(value) -> str:
    """What a template writes for `{{ value }}`: `markupsafe.escape(value)` as a plain string
    (values with `__html__` as they say)."""
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))
