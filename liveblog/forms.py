"""The entry form: the articles' rich-text editor and sanitizer, for short updates."""

from html import unescape

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorFormField

from core.sanitize import clean_html
from liveblog.models import Entry
from richtext.editor import EDITOR_EXTENSIONS


class EntryForm(forms.ModelForm):
    body = ProseEditorFormField(
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=clean_html,
        widget=AdminTextareaWidget,
        required=False,
    )

    class Meta:
        model = Entry
        fields = ["body", "image", "pinned"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["aria-label"] = "Update"

    def clean(self) -> dict:
        """An update needs something to read: text, or at least a picture."""
        data = super().clean()
        body = clean_html(data.get("body") or "")
        has_text = unescape(strip_tags(body)).strip() or "<img" in body
        if "body" not in self.errors and not has_text and not data.get("image"):
            self.add_error("body", "Write the update: it has no text.")
        return data
