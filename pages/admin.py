"""Pages and menus in the admin: editors keep them, every save of a page is a revision."""

from django.contrib import admin
from django.utils.html import format_html

from core.admin import ModelAdmin, TabularInline
from pages.forms import PageForm
from pages.models import MenuItem, Page, PageRevision


class RevisionInline(TabularInline):
    model = PageRevision
    fields = ["saved_at", "saved_by", "status", "title", "body"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-saved_at", "-pk"]
    verbose_name_plural = "revisions (each save, newest first)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("saved_by")


@admin.register(Page)
class PageAdmin(ModelAdmin):
    form = PageForm
    list_display = ["title", "public_path", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "path", "body"]
    list_select_related = ["parent"]
    inlines = [RevisionInline]
    prepopulated_fields = {"slug": ["title"]}

    @admin.display(description="path", ordering="path")
    def public_path(self, obj: Page) -> str:
        return format_html("<code>/{}/</code>", obj.path)

    def save_model(self, request, obj: Page, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        PageRevision.objects.create(
            page=obj, title=obj.title, body=obj.body, status=obj.status, saved_by=request.user
        )


@admin.register(MenuItem)
class MenuItemAdmin(ModelAdmin):
    list_display = ["__str__", "menu", "parent", "position", "link"]
    list_editable = ["position"]
    list_filter = ["menu"]
    list_select_related = ["parent", "section", "page"]
    fields = ["menu", "parent", "position", "label", "section", "page", "url"]

    @admin.display(description="links to")
    def link(self, obj: MenuItem) -> str:
        return obj.href

    def get_choices_queryset(self, request):
        """As a parent, only a top-level item of the header menu can be chosen."""
        return self.get_queryset(request).filter(menu=MenuItem.Menu.HEADER, parent=None)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("section", "page"):
            kwargs.setdefault("required", False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
