"""Phrase search through a GIN index: the adjacent word pairs of each stored search vector.

`search_word_pairs(vector)` turns a `search_vector` into position-less lexemes, one per pair
of lexemes at consecutive positions (`small_team`). The column `search_pairs` holds them for
each article, with its own GIN index `article_search_pairs_idx`; a trigger recomputes it
whenever `search_vector` is written (every path: signals, `update_search_vector`,
`rebuild_search_index`, raw SQL, COPY), so it is never stale. `search_phrase_pairs(query)`
takes a `websearch_to_tsquery` and returns the pairs its required phrases need, or NULL; see
`search.backends.postgres.PhrasePairs` and docs/search.md ("Phrases").

The column is not in the model (nothing loads it; nothing exists on SQLite), like the GIN
indexes of 0004. The index is created empty, then existing rows are filled in batches of BATCH
ids, each committed on its own (the migration is not atomic, and every statement can run
again), then the table is VACUUM ANALYZEd (every row was rewritten; the planner estimates a phrase's pairs from the
column's statistics).

Rules both functions share (keep them identical):
- a pair is `a || '_' || b`, or `md5(a || '_' || b)` when a and b together take 60 bytes or
  more (lexemes may be 2 KB long, and a vector holds at most 1 MB of lexeme text). Lexemes of
  paths, URLs and e-mail addresses may contain `_`, so two different pairs can collide: that
  only lets a story through to the exact check of `search_vector`, never drops one;
- a vector whose pairs (duplicates counted) would exceed 1,000,000 bytes gets the single
  lexeme `_` (which no pair and no parser lexeme can be), and every pairs query is
  `(...) | '_'`, so such a story (past 16,000 words of long tokens) is always checked
  exactly instead of failing to save.

Only pg_catalog functions are called inside, so they work whatever the session's search_path.
"""

from django.db import migrations

FORWARD_SQL = [
    r"""
    CREATE OR REPLACE FUNCTION search_word_pairs(vector tsvector) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
    DECLARE
      pairs text[];
    BEGIN
      SELECT array_agg(CASE
          WHEN octet_length(a.lexeme) + octet_length(b.lexeme) < 60
          THEN a.lexeme || '_' || b.lexeme
          ELSE md5(a.lexeme || '_' || b.lexeme) END)
      INTO pairs
      FROM (SELECT u.lexeme, p.pos FROM unnest(vector) AS u, unnest(u.positions) AS p(pos)) AS a
      JOIN (SELECT u.lexeme, p.pos - 1 AS pos
            FROM unnest(vector) AS u, unnest(u.positions) AS p(pos)) AS b USING (pos);
      IF pairs IS NULL THEN
        RETURN ''::tsvector;
      END IF;
      IF (SELECT sum(octet_length(pair)) FROM unnest(pairs) AS pair) > 1000000 THEN
        RETURN '_'::tsvector;
      END IF;
      RETURN array_to_tsvector(pairs);  -- sorts and drops duplicates
    END
    $$
    """,
    r"""
    CREATE OR REPLACE FUNCTION search_phrase_pairs(query tsquery) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    -- Reads the query's text form: 'lexeme' operands (quotes and backslashes doubled), an
    -- optional :* or :AB suffix, <-> and <N>, & | ! and parentheses. Of the top-level AND
    -- terms, only plain chains of lexemes ('a' <-> 'b' <2> 'c') are used: each <-> link
    -- needs the pair of its two lexemes. Anything else (negation, parentheses, weights,
    -- prefixes) is skipped; a top-level | means nothing is required.
    DECLARE
      token text[];
      depth int := 0;
      usable boolean := true;
      previous text;
      distance int;
      found text[] := '{}';
      required text[] := '{}';
    BEGIN
      FOR token IN SELECT regexp_matches(
        query::text || ' &',
        $re$'((?:[^'\\]|''|\\.)*)'(:[*A-D]+)?|<(-|[0-9]+)>|([&|!()])$re$, 'g')
      LOOP
        IF token[4] = '(' THEN
          depth := depth + 1;
          usable := false;
        ELSIF token[4] = ')' THEN
          depth := depth - 1;
        ELSIF depth > 0 THEN
          CONTINUE;
        ELSIF token[4] = '|' THEN
          RETURN NULL;
        ELSIF token[4] = '&' THEN
          IF usable THEN
            required := required || found;
          END IF;
          usable := true;
          previous := NULL;
          distance := NULL;
          found := '{}';
        ELSIF token[4] = '!' THEN
          usable := false;
        ELSIF token[3] IS NOT NULL THEN
          IF previous IS NULL OR distance IS NOT NULL THEN
            usable := false;
          END IF;
          distance := CASE WHEN token[3] = '-' THEN 1 ELSE token[3]::int END;
        ELSE
          IF token[2] IS NOT NULL OR (previous IS NOT NULL AND distance IS NULL) THEN
            usable := false;
          END IF;
          token[1] := regexp_replace(replace(token[1], '''''', ''''), '\\(.)', '\1', 'g');
          IF distance = 1 THEN
            found := found || CASE
              WHEN octet_length(previous) + octet_length(token[1]) < 60
              THEN previous || '_' || token[1]
              ELSE md5(previous || '_' || token[1]) END;
          END IF;
          previous := token[1];
          distance := NULL;
        END IF;
      END LOOP;
      IF cardinality(required) = 0 THEN
        RETURN NULL;
      END IF;
      RETURN (
        SELECT '( ' || string_agg(
          DISTINCT '''' || replace(replace(pair, '\', '\\'), '''', '''''') || '''', ' & '
        ) || ' ) | ''_'''
        FROM unnest(required) AS pair
      )::tsquery;
    END
    $$
    """,
    # A new nullable column without a default: no table rewrite.
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_pairs tsvector",
    r"""
    CREATE OR REPLACE FUNCTION articles_article_search_pairs() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.search_vector IS DISTINCT FROM OLD.search_vector
         OR (NEW.search_pairs IS NULL) <> (NEW.search_vector IS NULL) THEN
        NEW.search_pairs := search_word_pairs(NEW.search_vector);
      END IF;
      RETURN NEW;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS article_search_pairs ON articles_article",
    "CREATE TRIGGER article_search_pairs BEFORE INSERT OR UPDATE OF search_vector "
    "ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_article_search_pairs()",
]
FILL_SQL = (
    "UPDATE articles_article SET search_pairs = search_word_pairs(search_vector) "
    "WHERE id >= %s AND id < %s AND search_vector IS NOT NULL AND search_pairs IS NULL"
)
INDEX_SQL = [
    "CREATE INDEX IF NOT EXISTS article_search_pairs_idx "
    "ON articles_article USING gin (search_pairs)",
]
BATCH = 2000
BACKWARD_SQL = [
    "DROP TRIGGER IF EXISTS article_search_pairs ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_pairs()",
    "DROP INDEX IF EXISTS article_search_pairs_idx",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_pairs",
    "DROP FUNCTION IF EXISTS search_phrase_pairs(tsquery)",
    "DROP FUNCTION IF EXISTS search_word_pairs(tsvector)",
]


def fill(schema_editor, batch: int = BATCH) -> None:
    """The pairs of every article that has a vector and no pairs yet, `batch` ids at a time."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM articles_article")
        low, high = cursor.fetchone()
    for start in range(low or 0, (high or -1) + 1, batch):
        schema_editor.execute(FILL_SQL, (start, start + batch))


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD_SQL + INDEX_SQL:
        schema_editor.execute(statement, None)
    # The index exists before the fill: built after it, over the fill's HOT-updated rows, it
    # would be unusable (pg_index.indcheckxmin) until every older transaction had ended.
    fill(schema_editor)
    in_transaction = schema_editor.connection.in_atomic_block
    schema_editor.execute(f"{'ANALYZE' if in_transaction else 'VACUUM ANALYZE'} articles_article")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD_SQL:
            schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    # Each batch of the fill commits on its own: no lock on the whole archive for minutes.
    atomic = False

    dependencies = [("articles", "0011_article_seo_and_social_fields")]

    operations = [migrations.RunPython(forward, backward)]
