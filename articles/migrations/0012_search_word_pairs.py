"""Phrase search through the GIN index: adjacent word pairs of each stored search vector.

`search_word_pairs(vector)` turns a stored `search_vector` into position-less lexemes, one per
pair of lexemes at consecutive positions (`small_team`); `article_search_pairs_idx` is a GIN
index on that expression, so PostgreSQL keeps it current on every write of `search_vector`
(no column, no trigger, nothing for the write paths to remember, never stale).
`search_phrase_pairs(query)` takes a `websearch_to_tsquery` and returns the pairs its required
phrases need (or NULL when there are none, or the query has a top-level `or`); see
`search.backends.postgres.PhrasePairs`, and docs/search.md ("Phrases").

Rules both functions share (keep them identical):
- a pair is `a || '_' || b`, or `md5(a || '_' || b)` when a and b together take 60 bytes or
  more (lexemes may be 2 KB long, and a vector holds at most 1 MB of lexeme text). Lexemes of
  paths, URLs and e-mail addresses may contain `_`, so two different pairs can collide: that
  only lets a story through to the exact check of `search_vector`, never drops one;
- a vector whose pairs would exceed 1,000,000 bytes gets the single lexeme `_` (which no pair
  and no parser lexeme can be), and every pairs query is `(...) | '_'`, so such a story (past
  16,000 words of long tokens) is always checked exactly instead of failing to save.

Only pg_catalog functions are called inside, so the index expression works whatever the
search_path of the session (VACUUM, ANALYZE, restore). PostgreSQL only; nothing on SQLite.
"""

from django.db import migrations

FORWARD_SQL = [
    r"""
    CREATE OR REPLACE FUNCTION search_word_pairs(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
      WITH words AS (
        SELECT u.lexeme, p.pos FROM unnest(vector) AS u, unnest(u.positions) AS p(pos)
      ), pairs AS (
        SELECT DISTINCT CASE
          WHEN octet_length(a.lexeme) + octet_length(b.lexeme) < 60
          THEN a.lexeme || '_' || b.lexeme
          ELSE md5(a.lexeme || '_' || b.lexeme) END AS pair
        FROM words AS a JOIN words AS b ON b.pos = a.pos + 1
      )
      SELECT CASE WHEN (SELECT sum(octet_length(pair)) FROM pairs) > 1000000
        THEN '_'::tsvector
        ELSE coalesce((SELECT array_to_tsvector(array_agg(pair)) FROM pairs), ''::tsvector) END
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
    "CREATE INDEX IF NOT EXISTS article_search_pairs_idx "
    "ON articles_article USING gin (search_word_pairs(search_vector))",
    # The planner estimates a phrase's pairs from this index's statistics.
    "ANALYZE articles_article",
]
BACKWARD_SQL = [
    "DROP INDEX IF EXISTS article_search_pairs_idx",
    "DROP FUNCTION IF EXISTS search_phrase_pairs(tsquery)",
    "DROP FUNCTION IF EXISTS search_word_pairs(tsvector)",
]


def postgresql_only(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, None)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_article_seo_and_social_fields")]

    operations = [
        migrations.RunPython(postgresql_only(FORWARD_SQL), postgresql_only(BACKWARD_SQL)),
    ]
