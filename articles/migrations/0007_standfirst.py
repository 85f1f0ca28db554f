"""`dek` becomes `standfirst`, the word editors see on screen: the column, and the key in the
stored revision snapshots (so old revisions still diff and restore)."""

from django.db import migrations, models


def rename_snapshot_key(old: str, new: str):
    def forwards(apps, schema_editor):
        Revision = apps.get_model("articles", "Revision")
        alias = schema_editor.connection.alias
        revisions = Revision.objects.using(alias).filter(data__has_key=old).only("id", "data")
        for revision in revisions.iterator():
            revision.data[new] = revision.data.pop(old)
            revision.save(using=alias, update_fields=["data"])

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_image_roles"),
    ]

    operations = [
        migrations.RenameField(model_name="article", old_name="dek", new_name="standfirst"),
        migrations.AlterField(
            model_name="article",
            name="standfirst",
            field=models.TextField(blank=True, help_text="One or two sentences."),
        ),
        migrations.RunPython(
            rename_snapshot_key("dek", "standfirst"), rename_snapshot_key("standfirst", "dek")
        ),
    ]
