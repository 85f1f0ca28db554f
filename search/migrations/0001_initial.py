"""The suggestion words: the table, its trigram index and the words of the live stories.

The index and the fill are PostgreSQL's (pg_trgm, from articles/migrations/0004); on SQLite
the table stays empty, as "Did you mean" is PostgreSQL's. The index is not declared in the
model's Meta, for the reason given in articles/migrations/0004.
"""

from django.db import migrations, models

INDEX = "search_suggestion_word_trgm_idx"


def create_index_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.words import rebuild_words

    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON search_suggestion_word USING gin (word gin_trgm_ops)"
    )
    rebuild_words()


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0014_live_story_indexes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="SuggestionWord",
            fields=[("word", models.CharField(max_length=100, primary_key=True, serialize=False))],
            options={"db_table": "search_suggestion_word"},
        ),
        migrations.RunPython(create_index_and_fill, drop_index),
    ]
