"""The image library in the admin: thumbnails, search, and a click-to-set focal point."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from core.admin import ModelAdmin
from images.forms import ImageForm
from images.models import Image


@admin.register(Image)
class ImageAdmin(ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit", "dimensions", "uploaded_at", "uploaded_by"]
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["uploaded_by"]
    list_filter = ["uploaded_at"]
    search_fields = ["alt_text", "caption", "credit", "photographer__name"]
    autocomplete_fields = ["photographer"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["focal_point_picker", "upload_focal_picker", "crops", "file_facts"]
    fieldsets = [
        (None, {"fields": ["upload", "alt_text", "caption", "credit", "photographer"]}),
        (
            "Focal point",
            {
                "fields": ["focal_point_picker", "focal_x", "focal_y", "crops"],
                "description": "Crops for cards, avatars and link previews keep this point.",
            },
        ),
        ("File", {"fields": ["file_facts"]}),
    ]

    class Media:
        css = {"all": ["images/focal-point.css"]}
        js = ["images/focal-point.js"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # the picker shows the chosen file before it is uploaded
            return [
                (None, {"fields": ["upload", "alt_text", "caption", "credit", "photographer"]}),
                ("Focal point", {"fields": ["upload_focal_picker", "focal_x", "focal_y"]}),
            ]
        if self.may_only_set_focal_point(request, obj):
            return [("Focal point", {"fields": ["focal_point_picker", "focal_x", "focal_y"]})]
        return self.fieldsets

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self.may_only_set_focal_point(
            request, obj
        )

    def may_only_set_focal_point(self, request, obj) -> bool:
        """Contributors (no general change permission) may click the focal point of their own
        uploads, and change nothing else of them: their form holds the two focal fields only."""
        return (
            obj is not None
            and not super().has_change_permission(request, obj)
            and obj.uploaded_by_id == request.user.pk
            and request.user.has_perm("images.add_image")
        )

    def save_model(self, request, obj, form, change):
        focal_only = self.may_only_set_focal_point(request, obj)
        obj.store(None if focal_only else form.original, by=request.user)

    @admin.display(description="Preview")
    def thumbnail(self, obj: Image) -> str:
        return format_html(
            '<img src="{}" alt="" width="64" height="64" class="image-thumb" loading="lazy">',
            obj.thumbnail_url(),
        )

    @admin.display(description="Size")
    def dimensions(self, obj: Image) -> str:
        return f"{obj.width}×{obj.height}"

    @admin.display(description="Click the preview to set the focal point")
    def focal_point_picker(self, obj: Image) -> str:
        previews = obj.renditions_of("original") if obj.renditions_ready else []
        preview = next((r for r in previews if r.width >= 640), previews[-1] if previews else None)
        src = obj.rendition_url(preview, preview.fallback_format) if preview else obj.file.url
        return format_html(
            '<div class="focal-picker" data-focal-picker data-x="id_focal_x" data-y="id_focal_y">'
            '<img src="{}" alt="{}" width="{}" height="{}">'
            '<span class="focal-picker__marker" hidden></span></div>',
            src,
            obj.alt_text,
            obj.width,
            obj.height,
        )

    @admin.display(description="Click the picture to set the focal point")
    def upload_focal_picker(self, obj) -> str:
        """Before the upload: the chosen file, read in the browser, to click on."""
        return format_html(
            '<div class="focal-picker" data-focal-picker data-upload="{}" '
            'data-x="id_focal_x" data-y="id_focal_y"><img alt="The chosen picture" hidden>'
            '<span class="focal-picker__marker" hidden></span>'
            '<span class="help">Choose a file above to set its focal point here.</span></div>',
            "id_upload",
        )

    @admin.display(description="Crops")
    def crops(self, obj: Image) -> str:
        if not obj.renditions_ready:
            return "Crops appear here once they are made (after saving)."
        items = []
        for family, label in (("16x9", "Cards 16:9"), ("1x1", "Avatar 1:1"), ("social", "Social")):
            options = obj.renditions_of(family)
            if options:
                shown = next((r for r in options if r.width >= 320), options[-1])
                items.append((obj.rendition_url(shown, shown.fallback_format), label))
        figures = format_html_join(
            "", '<figure><img src="{}" alt=""><figcaption>{}</figcaption></figure>', items
        )
        return format_html('<div class="focal-crops">{}</div>', figures)

    @admin.display(description="Stored file")
    def file_facts(self, obj: Image) -> str:
        state = "ready" if obj.renditions_ready else "not made yet"
        return format_html(
            '<a href="{}">{}</a> · {}×{} px · {} KB · renditions {}',
            obj.file.url,
            obj.file.name.rsplit("/", 1)[-1],
            obj.width,
            obj.height,
            obj.file_size // 1024,
            state,
        )
