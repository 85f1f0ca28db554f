"""Recompute every article's stored search vector, in batches of set-based UPDATEs.

Needed after bulk writes that send no signals (`seed_bench`, imports, `QuerySet.update`) or
after changing `SEARCH_CONFIG`. Each batch is one `UPDATE ... WHERE id IN (...)`.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from articles.models import Article
from search.backends import backend
from search.index import update_search_vector


class Command(BaseCommand):
    help = "Rebuild the full-text search vectors of all articles (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000, help="Articles per UPDATE.")
        parser.add_argument(
            "--missing-only", action="store_true", help="Only articles that have no vector yet."
        )

    def handle(self, *args, batch_size: int, missing_only: bool, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        if not backend().STORES_VECTORS:
            self.stdout.write(
                "Nothing to do: this database is not PostgreSQL, and the SQLite search reads "
                "the articles directly."
            )
            return
        articles = Article.objects.order_by("pk")
        if missing_only:
            articles = articles.filter(search_vector__isnull=True)
        ids = list(articles.values_list("pk", flat=True))
        total = len(ids)
        started = time.monotonic()
        self.stdout.write(f"Rebuilding search vectors of {total} articles...")
        done = 0
        for start in range(0, total, batch_size):
            batch = ids[start : start + batch_size]
            with transaction.atomic():
                done += update_search_vector(batch)
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"  {done}/{total} articles ({rate:.0f}/s)")
        # Every row was rewritten: reclaim the old versions and refresh the planner's lexeme
        # statistics (it picks the GIN index or the date index from them).
        # VACUUM cannot run inside a transaction (as when called from a test or another command).
        vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{vacuum} {Article._meta.db_table}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {done} search vectors rebuilt in {time.monotonic() - started:.1f} s."
            )
        )
