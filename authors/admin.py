from django.contrib import admin

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "slug", "user"]
    search_fields = ["name", "slug", "job_title", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "photo"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "job_title", "bio", "photo", "user"]}),
        ("Profiles", {"fields": ["website_url", "x_url", "mastodon_url", "linkedin_url"]}),
    ]
