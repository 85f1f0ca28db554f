"""Give a slug to tags and sections stored without one.

Before `articles.tagging`, a tag named with no letter or digit (`#`, `😀`) was stored with slug
`""`, and every save of an article carrying it failed. Reversing keeps the new slugs: an empty
slug is never wanted back.
"""

from django.db import migrations

from core.slugs import unique_slug


def give_empty_slugs_a_value(apps, schema_editor) -> None:
    alias = schema_editor.connection.alias
    for label, fallback in [("taggit.Tag", "tag"), ("articles.Section", "section")]:
        model = apps.get_model(label)
        rows = model.objects.using(alias)
        max_length = model._meta.get_field("slug").max_length
        for row in rows.filter(slug=""):
            others = rows.exclude(pk=row.pk)
            row.slug = unique_slug(others, row.name, max_length, fallback)
            row.save(using=alias, update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_clean_text_fields"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_empty_slugs_a_value, migrations.RunPython.noop)]
