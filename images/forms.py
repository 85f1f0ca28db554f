"""The upload form: the file is checked and cleaned before anything is written."""

from django import forms

from images.models import Image
from images.originals import CleanOriginal, clean_upload
from images.validation import ACCEPTED_FORMATS, ACCEPTED_LABEL

ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in ACCEPTED_FORMATS)


class ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label="Image file",
        help_text=(
            f"{ACCEPTED_LABEL}. The photo is turned upright and its metadata (camera, GPS) is "
            "removed before anyone can see it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Image
        fields = ["alt_text", "caption", "credit", "photographer", "focal_x", "focal_y"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original: CleanOriginal | None = None
        if self.instance.pk:
            self.fields["upload"].required = False
            self.fields["upload"].label = "Replace the file"
            self.fields["upload"].widget = forms.FileInput(attrs={"accept": ACCEPT})

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.original = clean_upload(upload)
        return upload
