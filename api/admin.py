"""API tokens in the admin: created for a user, the secret shown once, revoked with a click."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from api.models import ApiToken
from api.tokens import scope_problem
from core.admin import ModelAdmin


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "scope"]

    def clean(self):
        cleaned = super().clean()
        user, scope = cleaned.get("user"), cleaned.get("scope")
        if user is not None and scope and (problem := scope_problem(user, scope)):
            self.add_error("scope", problem)
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(ModelAdmin):
    """Administrators make tokens for people; the secret is stored hashed and shown once."""

    form = ApiTokenForm
    list_display = ["name", "user", "scope", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # a token's user and scope are fixed: make a new one instead
            return [*self.readonly_fields, "user", "scope"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            secret = obj.issue()
            messages.warning(
                request,
                format_html(
                    "The token for “{}”: <code>{}</code>. Copy it now: it is stored hashed "
                    "and will not be shown again.",
                    obj.name,
                    secret,
                ),
            )
        super().save_model(request, obj, form, change)

    @admin.action(description="Revoke the selected tokens (refused at once)")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoke()
        messages.success(request, "Revoked.")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead, so the record of who had access stays
