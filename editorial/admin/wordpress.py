"""Where imported articles came from, for editors to read (the importer writes it)."""

from django.contrib import admin

from articles.models import WordPressSource
from core.admin import ModelAdmin


@admin.register(WordPressSource)
class WordPressSourceAdmin(ModelAdmin):
    """Where imported articles came from: notes such as "private in WordPress", sticky posts,
    featured images that were not found. Written by `import_wordpress`, read by editors."""

    list_display = ["article", "wp_post_id", "wp_status", "import_note", "sticky"]
    list_filter = ["wp_status", "sticky", "lead_image_missing"]
    search_fields = ["article__headline", "guid", "original_url", "=wp_post_id"]
    list_select_related = ["article"]
    readonly_fields = [f.name for f in WordPressSource._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
