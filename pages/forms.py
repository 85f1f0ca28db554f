"""The page form: the article body's editor and sanitizer, and a slug made when left empty."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django_prose_editor.fields import ProseEditorFormField

from core.sanitize import clean_html
from core.slugs import unique_slug
from editorial.forms import EDITOR_EXTENSIONS
from pages.models import Page
from pages.reserved import is_reserved


class PageForm(forms.ModelForm):
    body = ProseEditorFormField(
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=clean_html,
        widget=AdminTextareaWidget,
        required=False,
    )

    class Meta:
        model = Page
        fields = ["title", "slug", "parent", "status", "body", "seo_title", "seo_description"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["aria-label"] = "Body"
        self.fields["slug"].required = False
        self.fields["slug"].help_text = (
            "Part of the URL. Left empty, it is made from the title. A top-level page cannot "
            "use a path the site itself uses (/search/, /sections/, /admin/…)."
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("slug") and "slug" not in self.errors:
            parent = cleaned.get("parent")
            siblings = Page.objects.filter(parent=parent).exclude(pk=self.instance.pk)
            slug = unique_slug(
                siblings, cleaned.get("title") or "", max_length=100, fallback="page"
            )
            if parent is None and is_reserved(slug):
                slug = unique_slug(siblings, f"{slug} page", max_length=100, fallback="page")
            cleaned["slug"] = slug
        return cleaned
