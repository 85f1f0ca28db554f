"""Fill the database with a large, realistic archive for benchmarks.

Text is generated from the vocabulary of our own demo articles with a Zipf-like word
distribution, so common and rare words behave as in a real archive. Bench articles carry the
slug prefix `bench-`; a re-run tops the archive up to `--articles` instead of duplicating it,
and `--clear` removes it.

On PostgreSQL, rows are streamed with COPY (psycopg 3's `cursor.copy()`), the article ids taken
from the table's sequence first so bylines and tags can name them; elsewhere they are created
with `bulk_create`. Both write the same rows for the same `--seed`. `--search-vectors` then
fills the stored search vectors of the bench articles that have none (the new ones, and those
an interrupted run left: run the same command again) in large committed batches, instead of a
separate `rebuild_search_index`; the trigger of articles migration 0012 fills their word pairs.
"""

import random
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate, islice

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, Section, TaggedArticle
from authors.models import Author
from core.sanitize import seal_of_clean
from demo import content as demo_content
from search.backends import backend
from search.index import fill_search_vectors

SLUG_PREFIX = "bench-"
BATCH_SIZE = 2000
# Each UPDATE of `--search-vectors` commits this many articles: about 15 s of work per batch.
VECTOR_BATCH_SIZE = 10_000
# A progress line every this many batches (and after the last one).
PROGRESS_EVERY = 10
SECTION_NAMES = ["World", "Politics", "Economy", "Health", "Climate", "Sport", "Arts", "Travel"]
FIRST_NAMES = ["Alex", "Sam", "Noor", "Jonas", "Priya", "Tomas", "Leah", "Omar", "Ines", "Kai"]
LAST_NAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Reyes", "Haddad"]
TAG_COUNT = 300
AUTHOR_COUNT = 60
YEARS_OF_ARCHIVE = 5


def demo_vocabulary() -> list[str]:
    """Words of the demo articles, most frequent first."""
    counts: dict[str, int] = {}
    for article in demo_content.ARTICLES:
        text = " ".join(
            [article["headline"], article["standfirst"], *(t for _, t in article["body"])]
        )
        for word in re.findall(r"[a-z][a-z'-]{2,}", re.sub(r"<[^>]+>", " ", text.lower())):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], word))


class TextGenerator:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = demo_vocabulary()
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.words))]
        self.cum_weights = list(accumulate(weights))

    def words_(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def sentence(self, low: int, high: int) -> str:
        text = " ".join(self.words_(self.rng.randint(low, high)))
        return text[0].upper() + text[1:]

    def body(self) -> str:
        parts = []
        for block in range(self.rng.randint(4, 7)):
            if block in (2, 4):
                parts.append(f"<h2>{self.sentence(2, 5)}</h2>")
            sentences = [self.sentence(8, 18) + "." for _ in range(self.rng.randint(3, 5))]
            parts.append(f"<p>{' '.join(sentences)}</p>")
        return "\n".join(parts)


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass(slots=True)
class NewArticle:
    """One generated article, before either writer stores it."""

    slug: str
    headline: str
    standfirst: str
    body: str
    section: Section
    status: str
    published_at: datetime | None
    authors: list[Author] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)


def generate(numbers, rng, text, sections, authors, tags, now) -> list[NewArticle]:
    """A batch of articles with their bylines and tags; the random draws come in a fixed
    order, so a seed gives the same archive whichever writer stores it."""
    batch = []
    for number in numbers:
        roll = rng.random()
        published_at = now - timedelta(seconds=rng.randint(60, YEARS_OF_ARCHIVE * 365 * 86400))
        status = Article.Status.PUBLISHED
        if roll < 0.03:
            status, published_at = Article.Status.DRAFT, None
        elif roll < 0.05:
            published_at = now + timedelta(hours=rng.randint(1, 240))
        batch.append(
            NewArticle(
                slug=f"{SLUG_PREFIX}{number}",
                headline=text.sentence(6, 12),
                standfirst=text.sentence(15, 25) + ".",
                body=text.body(),
                section=rng.choice(sections),
                status=status,
                published_at=published_at,
            )
        )
    for article in batch:
        article.authors = rng.sample(authors, rng.choice([1, 1, 1, 2]))
        article.tags = rng.sample(tags, rng.randint(1, 4))
    return batch


def write_with_orm(batch: list[NewArticle]) -> list[int]:
    """`bulk_create` the batch (any database); returns the new article ids."""
    rows = [
        Article(
            headline=article.headline,
            slug=article.slug,
            standfirst=article.standfirst,
            body=article.body,
            section=article.section,
            status=article.status,
            published_at=article.published_at,
        )
        for article in batch
    ]
    Article.objects.bulk_create(rows)
    if not all(row.pk for row in rows):  # backends without RETURNING on bulk insert
        by_slug = dict(
            Article.objects.filter(slug__in=[r.slug for r in rows]).values_list("slug", "pk")
        )
        for row in rows:
            row.pk = row.id = by_slug[row.slug]
    Byline.objects.bulk_create(
        Byline(article=row, author=author, position=position)
        for row, article in zip(rows, batch, strict=True)
        for position, author in enumerate(article.authors)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=row, tag=tag)
        for row, article in zip(rows, batch, strict=True)
        for tag in article.tags
    )
    return [row.pk for row in rows]


def write_with_copy(batch: list[NewArticle]) -> list[int]:
    """Stream the batch with COPY (PostgreSQL); returns the new article ids.

    The ids come from the articles' own sequence in one query, so the bylines and tags that
    name them go in the same COPY round. Columns the generator does not set get the values
    `bulk_create` would send for a new `Article()` (its defaults, `now` for the auto times).
    The generated text is already what the text fields' cleaning on save would make of it
    (tests/test_seed_bench.py compares both writers), so it is not cleaned again here.
    """
    fields = Article._meta.concrete_fields
    template = Article()
    row = [f.get_db_prep_save(f.pre_save(template, True), connection) for f in fields]
    columns = [f.column for f in fields]
    position = {name: columns.index(name) for name in columns}
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(batch)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for pk, article in zip(ids, batch, strict=True):
                values = row.copy()
                values[position["id"]] = pk
                values[position["headline"]] = article.headline
                values[position["slug"]] = article.slug
                values[position["standfirst"]] = article.standfirst
                values[position["body"]] = article.body
                values[position["body_seal"]] = seal_of_clean(article.body)
                values[position["section_id"]] = article.section.pk
                values[position["status"]] = article.status
                values[position["published_at"]] = article.published_at
                copy.write_row(values)
        with cursor.copy(
            f"COPY {Byline._meta.db_table} (article_id, author_id, position) FROM STDIN"
        ) as copy:
            for pk, article in zip(ids, batch, strict=True):
                for number, author in enumerate(article.authors):
                    copy.write_row((pk, author.pk, number))
        with cursor.copy(
            f"COPY {TaggedArticle._meta.db_table} (content_object_id, tag_id) FROM STDIN"
        ) as copy:
            for pk, article in zip(ids, batch, strict=True):
                for tag in article.tags:
                    copy.write_row((pk, tag.pk))
    return ids


class Command(BaseCommand):
    help = "Create N realistic articles for benchmarks (COPY or bulk inserts; re-runs top up to N)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000, help="Target archive size.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (repeatable).")
        parser.add_argument("--clear", action="store_true", help="Delete bench content first.")
        parser.add_argument(
            "--search-vectors",
            action="store_true",
            help="Also fill the search vectors of bench articles that have none (PostgreSQL), "
            "as `rebuild_search_index --missing-only` would, in the same run.",
        )
        parser.add_argument(
            "--bulk-create",
            action="store_true",
            help="Insert with bulk_create even on PostgreSQL (slower; for comparisons).",
        )

    def handle(
        self,
        *args,
        articles: int,
        seed: int,
        clear: bool,
        search_vectors: bool,
        bulk_create: bool,
        **options,
    ) -> None:
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        started = time.monotonic()
        if clear:
            deleted = Article.objects.filter(slug__startswith=SLUG_PREFIX).delete()[0]
            self.stdout.write(f"Removed {deleted} bench rows.")
        existing = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
        missing = max(articles - existing, 0)
        if not missing and not search_vectors:
            self.stdout.write(f"Archive already holds {existing} bench articles; nothing to do.")
            return
        created = self.create(existing, missing, seed, bulk_create, started) if missing else 0
        inserted = time.monotonic() - started
        vectors = self.fill_search_vectors() if search_vectors else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {created} articles created, {existing + created} bench articles in "
                f"all, in {time.monotonic() - started:.1f} s (rows {inserted:.1f} s, "
                f"{created / inserted:.0f}/s{vectors})."
            )
        )

    def create(self, existing: int, missing: int, seed: int, bulk_create: bool, started) -> int:
        rng = random.Random(seed + existing)  # noqa: S311 (repeatable test data, not secrets)
        text = TextGenerator(rng)
        sections = self.sections()
        authors = self.authors(rng)
        tags = self.tags(text)
        now = timezone.now()
        use_copy = connection.vendor == "postgresql" and not bulk_create
        write = write_with_copy if use_copy else write_with_orm
        self.stdout.write(
            f"Creating {missing} articles in batches of {BATCH_SIZE} "
            f"({'COPY' if use_copy else 'bulk_create'})..."
        )
        created = 0
        batches = list(batched(range(existing, existing + missing), BATCH_SIZE))
        for number, numbers in enumerate(batches, start=1):
            batch = generate(numbers, rng, text, sections, authors, tags, now)
            with transaction.atomic():
                created += len(write(batch))
            if number % PROGRESS_EVERY == 0 or number == len(batches):
                elapsed = time.monotonic() - started
                self.stdout.write(f"  {created}/{missing} articles ({created / elapsed:.0f}/s)")
        return created

    def fill_search_vectors(self) -> str:
        """Fill the stored vectors of every bench article without one (the new ones, and those
        an interrupted run left), VECTOR_BATCH_SIZE per committed UPDATE; returns the
        summary's part about it."""
        if not backend().STORES_VECTORS:
            self.stdout.write("No search vectors to fill: this database does not store them.")
            return ""
        ids = list(
            Article.objects.filter(slug__startswith=SLUG_PREFIX, search_vector__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        started = time.monotonic()
        self.stdout.write(f"Filling the search vectors of {len(ids)} articles...")
        done = fill_search_vectors(
            ids,
            VECTOR_BATCH_SIZE,
            lambda done, rate: self.stdout.write(
                f"  {done}/{len(ids)} search vectors ({rate:.0f}/s)"
            ),
        )
        elapsed = time.monotonic() - started
        return f"; search vectors {elapsed:.1f} s, {done / elapsed:.0f}/s"

    def sections(self) -> list[Section]:
        sections = []
        for position, name in enumerate(SECTION_NAMES, start=20):
            section, _ = Section.objects.get_or_create(
                slug=f"{SLUG_PREFIX}{name.lower()}",
                defaults={"name": name, "position": position},
            )
            sections.append(section)
        return sections

    def authors(self, rng: random.Random) -> list[Author]:
        authors = []
        for number in range(AUTHOR_COUNT):
            name = (
                f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_NAMES[number % len(LAST_NAMES)]}"
            )
            author, _ = Author.objects.get_or_create(
                slug=f"{SLUG_PREFIX}author-{number}",
                defaults={"name": name, "bio": f"{name} reports for the benchmark desk."},
            )
            authors.append(author)
        return authors

    def tags(self, text: TextGenerator) -> list[Tag]:
        names = text.words[:TAG_COUNT]
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        Tag.objects.bulk_create(
            [Tag(name=name, slug=name.replace(" ", "-")) for name in names if name not in existing],
            ignore_conflicts=True,
        )
        return list(Tag.objects.filter(name__in=names))
