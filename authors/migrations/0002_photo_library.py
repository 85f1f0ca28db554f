"""Author photos move into the image library, described as portraits. Reversible."""

import django.db.models.deletion
from django.db import migrations, models

from images.legacy import check_constraints_now, import_legacy_file


def to_library(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    Image = apps.get_model("images", "Image")
    for author in Author.objects.exclude(photo="").iterator():
        image = import_legacy_file(
            Image, author.photo.name, alt_text=f"Portrait of {author.name}", caption=author.name
        )
        if image is not None:
            author.library_photo = image
            author.save(update_fields=["library_photo"])
    check_constraints_now(schema_editor)


def from_library(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    for author in Author.objects.filter(library_photo__isnull=False).select_related(
        "library_photo"
    ):
        author.photo = author.library_photo.file.name
        author.save(update_fields=["photo"])
    check_constraints_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="library_photo",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.image",
            ),
        ),
        migrations.RunPython(to_library, from_library),
        migrations.RemoveField(model_name="author", name="photo"),
        migrations.RenameField(model_name="author", old_name="library_photo", new_name="photo"),
        migrations.AlterField(
            model_name="author",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="A portrait from the image library (cropped square around its focal point).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="portrait_of",
                to="images.image",
            ),
        ),
    ]
