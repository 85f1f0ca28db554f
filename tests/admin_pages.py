"""Admin pages read the way a browser reads them: the form it would submit, the actions and
filters it offers, the autocomplete widgets on it.

Reading the admin's own HTML (rather than listing fields by hand) means a field, inline or
widget added later is fuzzed by tests/test_admin_fuzz.py without touching it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import image_bytes


@dataclass
class Form:
    """A form as a browser would submit it: fields, their kinds, and files."""

    values: dict = field(default_factory=dict)  # name → str or list[str]
    kinds: dict = field(default_factory=dict)  # name → id, date, time, number, count, hidden, text
    files: dict = field(default_factory=dict)  # name → bytes
    autocompletes: list = field(default_factory=list)  # (app_label, model_name, field_name)

    def data(self) -> dict:
        data = dict(self.values)
        for name, content in self.files.items():
            if content.startswith(b"<svg"):
                data[name] = SimpleUploadedFile("upload.svg", content, "image/svg+xml")
            else:
                data[name] = SimpleUploadedFile("upload.jpg", content, "image/jpeg")
        return data


ID_SUFFIXES = (
    "-id", "-target", "-author", "-article", "section", "lead_image", "photographer", "user",
    "parent", "article", "permissions", "groups", "user_permissions",
)  # fmt: skip


def _kind(element, name: str) -> str:
    input_type = (element.get("type") or "").lower()
    if name.endswith("_FORMS"):  # an inline's management form
        return "count"
    if element.tag == "select" or name.endswith(ID_SUFFIXES):
        return "id"
    if name.endswith("_0") or input_type == "date" or "vDateField" in element.get("class", ""):
        return "date"
    if name.endswith("_1") or "vTimeField" in element.get("class", ""):
        return "time"
    if input_type == "number":
        return "number"
    return "hidden" if input_type == "hidden" else "text"


def _main_form(html: str):
    document = lxml.html.fromstring(html)
    forms = [f for f in document.forms if f.get("id") != "logout-form"]
    return max(forms, key=lambda f: len(f.inputs), default=None), document


def _value(element):
    if element.tag == "select":
        chosen = [o.get("value", o.text or "") for o in element.iter("option") if o.get("selected")]
        return chosen if element.get("multiple") is not None else (chosen[0] if chosen else "")
    if element.tag == "textarea":  # a browser drops the newline that follows <textarea>
        return (element.text or "").removeprefix("\n")
    if (element.get("type") or "").lower() in {"checkbox", "radio"}:
        return element.get("value", "on") if element.get("checked") is not None else None
    return element.get("value", "")


SKIPPED_TYPES = {"submit", "button", "reset", "image"}


TINY_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10"/>'
    b"</svg>"
)


def _upload_for(element) -> bytes:
    """What a person would pick for a file input: an SVG where only SVG is accepted, else a
    JPEG, as large as the input's `data-min-side` asks."""
    accept = element.get("accept") or ""
    if "svg" in accept and "jpeg" not in accept:
        return TINY_SVG
    side = int(element.get("data-min-side") or 0)
    return image_bytes(size=(side, side)) if side else image_bytes()


def read_form(html: str) -> Form:
    """The admin form in `html` as a browser would submit it unchanged.

    Inline rows are the ones the page shows (saved rows and the admin's `extra` empty ones);
    the hidden "Add another" template is left out, as a browser does.
    """
    main, document = _main_form(html)
    form = Form()
    for element in main.inputs if main is not None else []:
        name = element.get("name")
        input_type = (element.get("type") or "").lower()
        if not name or name == "csrfmiddlewaretoken" or input_type in SKIPPED_TYPES:
            continue
        if "__prefix__" in name:
            continue
        if input_type == "file":
            form.files[name] = _upload_for(element)
            continue
        value = _value(element)
        if value is not None:
            form.values[name] = value
            form.kinds[name] = _kind(element, name)
    for widget in document.xpath("//select[@data-app-label]"):
        key = tuple(
            widget.get(f"data-{part}") for part in ("app-label", "model-name", "field-name")
        )
        if key not in form.autocompletes:
            form.autocompletes.append(key)
    return form


def read_actions(html: str) -> list[str]:
    """The bulk actions offered on a changelist page."""
    document = lxml.html.fromstring(html)
    return [v for v in document.xpath("//select[@name='action']/option/@value") if v]


def read_filter_links(html: str) -> list[tuple[str, str]]:
    """The query parameters behind the changelist's filter and date links."""
    document = lxml.html.fromstring(html)
    pairs = []
    for href in document.xpath("//nav[@id='changelist-filter']//a/@href | //nav//a/@href"):
        query = urlsplit(href).query
        for part in query.split("&"):
            key, _, value = part.partition("=")
            if key and (key, value) not in pairs:
                pairs.append((key, value))
    return pairs
