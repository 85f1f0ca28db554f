"""Admin for sections and articles: everything an editor manages day to day."""

from django.contrib import admin

from .models import Article, Byline, RelatedArticle, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position", "show_in_navigation"]
    list_editable = ["position", "show_in_navigation"]
    list_filter = ["show_in_navigation", "parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in display order)"


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 1
    autocomplete_fields = ["target"]
    verbose_name_plural = "hand-picked related articles (in display order)"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "published_at", "updated_at", "modified_at"]
    list_filter = ["status", "section", "published_at"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image"]
    inlines = [BylineInline, RelatedArticleInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "tags", "body"]}),
        (
            "Lead image",
            {"fields": ["lead_image", "lead_image_caption"]},
        ),
        ("Publication", {"fields": ["status", "published_at", "updated_at"]}),
    ]
    readonly_fields = ["updated_at"]

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.mark_updated()
        super().save_model(request, obj, form, change)
