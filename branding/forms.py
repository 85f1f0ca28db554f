"""The brand form: every upload checked before anything is stored or drawn."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from branding.models import Brand
from branding.svg import clean_svg
from images.validation import probe_upload

RASTER_FORMATS = {"PNG", "JPEG", "WEBP"}
MIN_ICON_SIDE = 180


RASTER_ACCEPT = "image/png,image/jpeg,image/webp"


class BrandForm(forms.ModelForm):
    class Meta:
        model = Brand
        fields = ["logo_svg", "logo_raster", "icon", "theme_colour"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["logo_svg"].widget.attrs["accept"] = ".svg,image/svg+xml"
        self.fields["logo_raster"].widget.attrs["accept"] = RASTER_ACCEPT
        self.fields["icon"].widget.attrs.update(
            {"accept": RASTER_ACCEPT, "data-min-side": str(MIN_ICON_SIDE)}
        )

    def clean_logo_svg(self):
        upload = self.cleaned_data.get("logo_svg")
        if not upload or not hasattr(upload, "content_type"):  # unchanged or cleared
            return upload
        data, _size = clean_svg(upload.read())
        return SimpleUploadedFile(_stem(upload.name) + ".svg", data, "image/svg+xml")

    def clean_logo_raster(self):
        return self._raster("logo_raster", min_side=1)

    def clean_icon(self):
        return self._raster("icon", min_side=MIN_ICON_SIDE)

    def _raster(self, name: str, min_side: int):
        upload = self.cleaned_data.get(name)
        if not upload or not hasattr(upload, "content_type"):
            return upload
        probe = probe_upload(upload)
        if probe.format not in RASTER_FORMATS:
            raise ValidationError(
                f"Upload a PNG, JPEG or WebP file (this one is {probe.format}).",
                code="format",
            )
        if min(probe.width, probe.height) < min_side:
            raise ValidationError(
                f"The icon is {probe.width}×{probe.height} pixels; it needs at least "
                f"{min_side}×{min_side} (512×512 is best).",
                code="too_small",
            )
        return upload

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("logo_svg") and not cleaned.get("logo_raster"):
            raise ValidationError(
                {
                    "logo_raster": "Search engines and feed readers need a raster logo: "
                    "upload a PNG, JPEG or WebP version of the SVG logo too."
                }
            )
        return cleaned


def _stem(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "".join(c for c in stem if c.isalnum() or c in "-_")[:60] or "logo"
