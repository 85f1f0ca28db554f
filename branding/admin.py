"""The brand in the admin: one record, its generated files shown, never edited by hand."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from branding.artwork import make_artwork
from branding.forms import BrandForm
from branding.models import Brand
from core.admin import ModelAdmin


@admin.register(Brand)
class BrandAdmin(ModelAdmin):
    form = BrandForm
    list_display = ["__str__", "theme_colour", "updated_at"]
    readonly_fields = ["publisher_logo", "favicons"]
    fieldsets = [
        (None, {"fields": ["logo_svg", "logo_raster", "icon", "theme_colour"]}),
        ("Made from the uploads", {"fields": ["publisher_logo", "favicons"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """One brand per site: edit it rather than adding a second."""
        return super().has_add_permission(request) and not Brand.objects.exists()

    def save_model(self, request, obj: Brand, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        make_artwork(obj)

    @admin.display(description="Publisher logo (PNG)")
    def publisher_logo(self, obj: Brand) -> str:
        if not obj.logo_png:
            return "None yet: upload a raster logo."
        return format_html(
            '<a href="{}">{}×{} PNG</a>',
            obj.logo_png.url,
            obj.publisher_logo_width,
            obj.publisher_logo_height,
        )

    @admin.display(description="Favicons")
    def favicons(self, obj: Brand) -> str:
        if not obj.icons:
            return "None yet: upload an icon."
        return ", ".join(f"{size}×{size}" for size in sorted(obj.icons, key=int))
