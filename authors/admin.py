from django.contrib import admin

from authors.models import Author
from core.admin import ModelAdmin
from core.slugs import SlugFromNameForm


class AuthorForm(SlugFromNameForm):
    slug_fallback = "author"


@admin.register(Author)
class AuthorAdmin(ModelAdmin):
    form = AuthorForm
    list_display = ["name", "job_title", "slug", "user"]
    search_fields = ["name", "slug", "job_title", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "photo"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "job_title", "bio", "photo", "user"]}),
        ("Profiles", {"fields": ["website_url", "x_url", "mastodon_url", "linkedin_url"]}),
    ]
