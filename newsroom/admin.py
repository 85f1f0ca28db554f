from django.contrib import admin

from .models import LoginFailureWindow


@admin.register(LoginFailureWindow)
class LoginFailureWindowAdmin(admin.ModelAdmin):
    """Read-only view of current sign-in lockouts; deleting a row lifts that lock at once."""

    list_display = ["key", "failures", "window_ends"]
    ordering = ["-window_ends"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
