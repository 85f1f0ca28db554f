"""The story budget in the admin: editors plan lines; contributors see the lines they work on.

Notes, the draft button and the history are on the line's desk page (`desk:line`).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from core.admin import ModelAdmin
from desk import access, assignments
from desk.forms import staff_users
from desk.models import BudgetLine


@admin.register(BudgetLine)
class BudgetLineAdmin(ModelAdmin):
    list_display = [
        "slug", "section", "writer", "editor", "planned_for", "status_label", "desk_link",
    ]  # fmt: skip
    list_filter = ["status", "section", "writer", "editor", "planned_for"]
    list_select_related = ["section__parent", "writer", "editor", "article"]
    search_fields = ["slug", "notes"]
    date_hierarchy = "planned_for"
    fields = ["slug", "section", "writer", "editor", "planned_for", "length", "notes", "status"]
    view_on_site = False
    change_form_template = "admin/desk/budgetline/change_form.html"

    def get_queryset(self, request):
        return access.lines_for(request.user).select_related(*self.list_select_related)

    def get_readonly_fields(self, request, obj=None):
        return ["status"] if obj is not None and obj.article_id else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in {"writer", "editor"}:
            kwargs["queryset"] = staff_users()  # editors may not list users, but pick them
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="status", ordering="status")
    def status_label(self, line: BudgetLine) -> str:
        return line.current_status_label

    @admin.display(description="desk")
    def desk_link(self, line: BudgetLine) -> str:
        return format_html('<a href="{}">notes, draft</a>', reverse("desk:line", args=[line.pk]))

    def save_model(self, request, obj, form, change):
        old = BudgetLine.objects.filter(pk=obj.pk).values("writer_id", "editor_id").first()
        old = old or {"writer_id": None, "editor_id": None}
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        assignments.line_assigned(
            obj, old_writer_id=old["writer_id"], old_editor_id=old["editor_id"], by=request.user
        )
