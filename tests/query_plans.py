"""What PostgreSQL's plans read: for tests that a query's cost does not grow with the archive."""

import json

from django.db import connection


def rows_read(sql: str, params=None) -> dict[str, int]:
    """PostgreSQL's count of rows a query read (returned or filtered out), by index (or by
    scan type where no index was used)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    rows: dict[str, int] = {}
    nodes = [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        if "Scan" in node["Node Type"]:
            name = node.get("Index Name", node["Node Type"])
            read = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
            rows[name] = rows.get(name, 0) + read
    return rows


def table_reads(sql: str, table: str, params=None) -> list[str]:
    """How PostgreSQL's plan for `sql` reads `table`: one entry per scan of it, the node type
    and the index it used ("Index Only Scan article_live_idx", "Seq Scan"). An index-only scan
    reads no row of the table (once VACUUM has marked its pages all-visible)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    reads = []
    nodes = [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", []))
        if node.get("Relation Name") == table:
            reads.append(" ".join(filter(None, (node["Node Type"], node.get("Index Name")))))
    return reads
