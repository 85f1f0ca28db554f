"""Lead images move into the image library: one Image row per article's old file.

Alt text, caption and credit move with the file onto the Image; the article keeps an optional
caption of its own (empty after the move). Reversible: going back copies them onto the article
again and points its file field at the cleaned copy.
"""

import django.db.models.deletion
from django.db import migrations, models

from images.legacy import check_constraints_now, import_legacy_file


def to_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("images", "Image")
    for article in Article.objects.exclude(lead_image="").iterator():
        image = import_legacy_file(
            Image,
            article.lead_image.name,
            alt_text=article.lead_image_alt,
            caption=article.lead_image_caption,
            credit=article.lead_image_credit,
        )
        if image is not None:
            article.library_image = image
            article.lead_image_caption = ""
            article.save(update_fields=["library_image", "lead_image_caption"])
    check_constraints_now(schema_editor)


def from_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.filter(library_image__isnull=False).select_related(
        "library_image"
    ):
        image = article.library_image
        article.lead_image = image.file.name
        article.lead_image_alt = image.alt_text
        article.lead_image_caption = article.lead_image_caption or image.caption
        article.lead_image_credit = image.credit
        article.save(
            update_fields=[
                "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"
            ]
        )  # fmt: skip
    check_constraints_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_search"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="library_image",
            field=models.ForeignKey(
                null=True,
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.image",
            ),
        ),
        migrations.RunPython(to_library, from_library),
        migrations.RemoveField(model_name="article", name="lead_image"),
        migrations.RemoveField(model_name="article", name="lead_image_alt"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
        migrations.RenameField(
            model_name="article", old_name="library_image", new_name="lead_image"
        ),
        migrations.AlterField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Pick from the image library; its alt text and credit come with it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lead_of",
                to="images.image",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="lead_image_caption",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to use the image's own caption.",
                max_length=500,
                verbose_name="caption for this story",
            ),
        ),
    ]
