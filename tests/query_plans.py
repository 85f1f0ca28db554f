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
