"""A tag's and an author's stories by publication time: their timelines.

`TaggedArticle.published_at` and `Byline.published_at` copy the article's publication time,
and the indexes (tag, published_at, article) and (author, published_at, article) hold each
tag's and author's stories in the order their pages list them (`newest_tagged()`,
`newest_by()`). Without them, a page of a tag's stories walked the newest stories of the
whole archive checking each for the tag, or sorted all the tag's stories.

The database keeps the copies, on every path (the ORM, taggit's bulk inserts, COPY, raw SQL):

- a link row takes its article's time when it is written (PostgreSQL: a BEFORE trigger sets
  it, whatever the writer sent; SQLite: an AFTER trigger corrects it);
- a change of an article's time is copied to its link rows.

The index exists before the fill, so the fill's updates maintain it (see 0012 on an index
built over HOT-updated rows). Existing rows are filled in batches of BATCH ids, each committed
on its own (the migration is not atomic; every statement can run again).
"""

from django.db import migrations, models

BATCH = 50_000
LINKS = {"articles_taggedarticle": "content_object_id", "articles_byline": "article_id"}
# A changed publication time, copied to the article's link rows (in a trigger of the article).
FOLLOW = " ".join(
    f"UPDATE {table} SET published_at = NEW.published_at WHERE {fk} = NEW.id;"
    for table, fk in LINKS.items()
)


def _article_time(fk: str) -> str:
    """The time of the article of the link row being written."""
    return f"(SELECT published_at FROM articles_article WHERE id = NEW.{fk})"


POSTGRESQL = [
    *(
        statement
        for table, fk in LINKS.items()
        for statement in (
            f"""
            CREATE OR REPLACE FUNCTION {table}_timeline() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              NEW.published_at := {_article_time(fk)};
              RETURN NEW;
            END
            $$
            """,
            f"""
            CREATE OR REPLACE TRIGGER {table}_timeline BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_timeline()
            """,
        )
    ),
    f"""
    CREATE OR REPLACE FUNCTION articles_article_timeline() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      {FOLLOW}
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE OR REPLACE TRIGGER articles_article_timeline AFTER UPDATE OF published_at
    ON articles_article FOR EACH ROW
    WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION articles_article_timeline()
    """,
]

SQLITE = [
    *(
        statement
        for table, fk in LINKS.items()
        for statement in (
            f"""
            CREATE TRIGGER IF NOT EXISTS {table}_timeline_insert AFTER INSERT ON {table}
            BEGIN
              UPDATE {table} SET published_at = {_article_time(fk)} WHERE id = NEW.id;
            END
            """,
            f"""
            CREATE TRIGGER IF NOT EXISTS {table}_timeline_update
            AFTER UPDATE OF {fk}, published_at ON {table}
            WHEN NEW.published_at IS NOT {_article_time(fk)}
            BEGIN
              UPDATE {table} SET published_at = {_article_time(fk)} WHERE id = NEW.id;
            END
            """,
        )
    ),
    f"""
    CREATE TRIGGER IF NOT EXISTS articles_article_timeline AFTER UPDATE OF published_at
    ON articles_article WHEN NEW.published_at IS NOT OLD.published_at
    BEGIN
      {FOLLOW}
    END
    """,
]

DROP = {
    "postgresql": [
        *(f"DROP TRIGGER IF EXISTS {table}_timeline ON {table}" for table in LINKS),
        *(f"DROP FUNCTION IF EXISTS {table}_timeline()" for table in LINKS),
        "DROP TRIGGER IF EXISTS articles_article_timeline ON articles_article",
        "DROP FUNCTION IF EXISTS articles_article_timeline()",
    ],
    "sqlite": [
        *(f"DROP TRIGGER IF EXISTS {table}_timeline_{when}" for table in LINKS for when in ("insert", "update")),
        "DROP TRIGGER IF EXISTS articles_article_timeline",
    ],
}


def fill(schema_editor, table: str, fk: str) -> None:
    """Copy the articles' times to the link rows of `table`, BATCH ids at a time."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {table}")
        low, high = cursor.fetchone()
    for start in range(low or 0, (high or -1) + 1, BATCH):
        schema_editor.execute(
            f"UPDATE {table} SET published_at = "
            f"(SELECT published_at FROM articles_article WHERE id = {table}.{fk}) "
            "WHERE id >= %s AND id < %s",
            (start, start + BATCH),
        )


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement, None)
    for table, fk in LINKS.items():
        fill(schema_editor, table, fk)
    if vendor == "postgresql":
        in_transaction = schema_editor.connection.in_atomic_block
        for table in LINKS:
            schema_editor.execute(f"{'ANALYZE' if in_transaction else 'VACUUM ANALYZE'} {table}")


def backward(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    # Each batch of the fill commits on its own: no lock on every tag link for minutes.
    atomic = False

    dependencies = [
        ("articles", "0012_search_word_pairs"),
        ("authors", "0003_clean_text_fields"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="byline",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="taggedarticle",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(
                fields=["author", "-published_at", "-article"], name="byline_timeline_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(
                fields=["tag", "-published_at", "-content_object"],
                name="tagged_article_timeline_idx",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
