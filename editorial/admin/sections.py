"""Sections in the admin: the desks, their order in the navigation and their nesting."""

from django.contrib import admin

from articles.models import Section
from core.admin import ModelAdmin
from core.slugs import SlugFromNameForm


class SectionForm(SlugFromNameForm):
    slug_fallback = "section"


@admin.register(Section)
class SectionAdmin(ModelAdmin):
    form = SectionForm
    list_display = ["name", "slug", "parent", "position", "show_in_navigation"]
    list_editable = ["position", "show_in_navigation"]
    list_filter = ["show_in_navigation", "parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        """Tree order, so the article form's section chooser lists each sub-section under its
        parent (the list page still sorts by its own columns)."""
        return super().get_queryset(request).select_related("parent").in_tree_order()
