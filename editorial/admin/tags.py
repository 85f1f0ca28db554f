"""Tags in the admin: listed, searched, renamed by editors; nothing else.

taggit's own admin is replaced: its "merge tags" page checks only that the user is staff (a
contributor could create tags through it, and a bad id was a 500), and it merges taggit's
generic tagged items, not our articles' (`articles.TaggedArticle`).
"""

from django.contrib import admin
from taggit.models import Tag

from core.admin import ModelAdmin

admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(ModelAdmin):
    list_display = ["name", "slug"]
    ordering = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
