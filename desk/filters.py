"""The article list's "Assigned" filter, added to the article admin from here.

`editorial` may not import the desk (the desk sits above it), so the filter is appended to the
registered article admin when the app is ready instead of being named in its `list_filter`.
"""

from django.contrib import admin
from django.db.models import Q

from articles.models import Article


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [
            ("me", "Assigned to me"),
            ("me_writer", "I write"),
            ("me_editor", "I edit"),
            ("nobody", "Not assigned"),
        ]

    def queryset(self, request, queryset):
        user = request.user
        match self.value():
            case "me":
                return queryset.filter(Q(assignment__writer=user) | Q(assignment__editor=user))
            case "me_writer":
                return queryset.filter(assignment__writer=user)
            case "me_editor":
                return queryset.filter(assignment__editor=user)
            case "nobody":
                return queryset.filter(
                    Q(assignment__isnull=True)
                    | Q(assignment__writer__isnull=True, assignment__editor__isnull=True)
                )
        return queryset


def install(site: admin.AdminSite = admin.site) -> None:
    """Append the filter to the article admin's filters (once)."""
    if not site.is_registered(Article):
        return
    model_admin = site.get_model_admin(Article)
    if AssignedFilter not in model_admin.list_filter:
        model_admin.list_filter = [*model_admin.list_filter, AssignedFilter]
