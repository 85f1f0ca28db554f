"""The home page's picks in the admin."""

from django.contrib import admin

from articles.curation import MAX_PICKS
from articles.models import HomeSlot
from core.admin import ModelAdmin


@admin.register(HomeSlot)
class HomeSlotAdmin(ModelAdmin):
    """The home page's picks: position 0 leads, the rest are featured in order."""

    list_display = ["position", "article", "is_public"]
    list_display_links = ["article"]
    list_editable = ["position"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]

    @admin.display(boolean=True, description="public now")
    def is_public(self, obj: HomeSlot) -> bool:
        return obj.article.is_public

    def changelist_view(self, request, extra_context=None):
        extra = {
            **(extra_context or {}),
            "subtitle": f"Up to {MAX_PICKS} picks. Picks that are not public are skipped; "
            "the rest of the page is the latest stories.",
        }
        return super().changelist_view(request, extra)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and HomeSlot.objects.count() < MAX_PICKS
