"""The redirect manager: every automatic and hand-made redirect, with how often it is used."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin import ModelAdmin
from redirects.models import Redirect
from redirects.recording import (
    add_redirect,
    final_target,
    normalize_path,
    site_path_problem,
    validate_site_path,
)


class RedirectForm(forms.ModelForm):
    """Both sides must be paths on this site; a target that already redirects is followed.

    Each side is judged as it will be stored (decoded), and the followed target once more, so
    neither `%2F` nor an older row in the table can turn a target into another host.
    """

    class Meta:
        model = Redirect
        fields = ["old_path", "new_path"]

    def clean_old_path(self) -> str:
        value = self.cleaned_data["old_path"]
        validate_site_path(value)
        return normalize_path(value)

    def clean_new_path(self) -> str:
        value = self.cleaned_data["new_path"]
        validate_site_path(value)
        return normalize_path(value)

    def clean(self) -> dict:
        cleaned = super().clean()
        old_path, new_path = cleaned.get("old_path"), cleaned.get("new_path")
        if old_path and new_path:
            try:
                cleaned["new_path"] = target = final_target(old_path, new_path)
            except ValidationError as error:
                self.add_error("new_path", error)
            else:
                if site_path_problem(target):
                    self.add_error("new_path", f"{new_path} redirects to {target}, off this site.")
        return cleaned


@admin.register(Redirect)
class RedirectAdmin(ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "source", "hits", "last_hit_at", "created_at"]
    list_filter = ["source"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["source", "hits", "last_hit_at", "created_at"]
    sortable_by = ["old_path", "new_path", "source", "hits", "last_hit_at", "created_at"]
    list_per_page = 100

    def save_model(self, request, obj, form, change) -> None:
        """Save through `add_redirect`, so chains pointing at the old path collapse too."""
        if change and "old_path" in form.changed_data:
            Redirect.objects.filter(pk=obj.pk).delete()
        source = obj.source if change else Redirect.Source.MANUAL
        saved = add_redirect(obj.old_path, obj.new_path, source=source)
        obj.pk, obj.source, obj.created_at = saved.pk, saved.source, saved.created_at
