"""Full-text search: a stored, weighted vector per article and its indexes.

The column exists on every database (unused and NULL on SQLite). Everything PostgreSQL-only
(the pg_trgm extension, the GIN indexes and the initial fill of the vectors) runs through
`postgresql_only`, a no-op on other databases. The indexes are deliberately not declared in
`Article.Meta`: SQLite rebuilds tables from model state on many schema changes and would then
try to create a GIN index it does not understand.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS article_search_vector_idx "
    "ON articles_article USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS article_headline_trgm_idx "
    "ON articles_article USING gin (headline gin_trgm_ops)",
    # A snapshot of search.index.update_search_vector at the time of this migration, so an
    # existing archive is searchable right after `migrate`.
    """
    UPDATE articles_article AS a SET search_vector =
        setweight(to_tsvector(%(config)s::regconfig, coalesce(a.headline, '')), 'A')
        || setweight(to_tsvector(%(config)s::regconfig, coalesce(a.dek, '')), 'B')
        || setweight(to_tsvector(%(config)s::regconfig, coalesce((
            SELECT string_agg(t.name, ' ') FROM articles_taggedarticle ta
            JOIN taggit_tag t ON t.id = ta.tag_id WHERE ta.content_object_id = a.id), '')), 'B')
        || setweight(to_tsvector(%(config)s::regconfig, coalesce(a.body, '')), 'C')
        || setweight(to_tsvector(%(config)s::regconfig, coalesce((
            SELECT string_agg(au.name, ' ') FROM articles_byline b
            JOIN authors_author au ON au.id = b.author_id WHERE b.article_id = a.id), '')), 'D')
    """,
]
BACKWARD_SQL = [
    "DROP INDEX IF EXISTS article_headline_trgm_idx",
    "DROP INDEX IF EXISTS article_search_vector_idx",
]


def postgresql_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        from django.conf import settings

        config = getattr(settings, "SEARCH_CONFIG", "english")
        for statement in statements:
            schema_editor.execute(statement, {"config": config} if "%(config)s" in statement else None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_wordpress_source"),
        ("authors", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(postgresql_only(FORWARD_SQL), postgresql_only(BACKWARD_SQL)),
    ]
