"""Recompute every article's stored search vector, in batches of set-based UPDATEs.

Needed after bulk writes that send no signals (`seed_bench`, imports, `QuerySet.update`) or
after changing `SEARCH_CONFIG`. Each batch is one `UPDATE ... WHERE id IN (...)`. A full
rebuild (not `--missing-only`) also rebuilds the suggestion words, dropping those no live
story uses any more.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from search.backends import backend
from search.index import fill_search_vectors
from search.words import rebuild_words


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
        done = fill_search_vectors(
            ids,
            batch_size,
            lambda done, rate: self.stdout.write(f"  {done}/{total} articles ({rate:.0f}/s)"),
        )
        words = "" if missing_only else f", {rebuild_words()} suggestion words"
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {done} search vectors rebuilt{words} in {time.monotonic() - started:.1f} s."
            )
        )
