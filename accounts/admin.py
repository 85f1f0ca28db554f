from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from accounts.models import LoginFailureWindow
from core.admin import GuardedLookupsMixin, ModelAdmin, VisibleChoicesMixin


@admin.register(LoginFailureWindow)
class LoginFailureWindowAdmin(ModelAdmin):
    """Read-only view of current sign-in lockouts; deleting a row lifts that lock at once."""

    list_display = ["key", "failures", "window_ends"]
    ordering = ["-window_ends"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# Django's own user and group admins, with our guards: a NUL typed into their search (the
# author form's user chooser searches users) is a space, an id past 64 bits a form error.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class GuardedUserAdmin(VisibleChoicesMixin, GuardedLookupsMixin, UserAdmin):
    pass


@admin.register(Group)
class GuardedGroupAdmin(VisibleChoicesMixin, GuardedLookupsMixin, GroupAdmin):
    pass
