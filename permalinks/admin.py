from django.contrib import admin

from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "source", "hits", "last_hit_at", "created_at"]
    list_filter = ["source"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["hits", "last_hit_at", "created_at"]
