"""Fill the database with a large, realistic archive for benchmarks.

Text is generated from the vocabulary of our own demo articles with a Zipf-like word
distribution, so common and rare words behave as in a real archive. Everything is created with
bulk inserts in batches. Bench articles carry the slug prefix `bench-`; a re-run tops the
archive up to `--articles` instead of duplicating it, and `--clear` removes it.
"""

import random
import re
import time
from datetime import timedelta
from itertools import accumulate, islice

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, Section, TaggedArticle
from authors.models import Author
from demo import content as demo_content

SLUG_PREFIX = "bench-"
BATCH_SIZE = 2000
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


class Command(BaseCommand):
    help = "Create N realistic articles for benchmarks (bulk inserts; re-runs top up to N)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000, help="Target archive size.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (repeatable).")
        parser.add_argument("--clear", action="store_true", help="Delete bench content first.")

    def handle(self, *args, articles: int, seed: int, clear: bool, **options) -> None:
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        started = time.monotonic()
        if clear:
            deleted = Article.objects.filter(slug__startswith=SLUG_PREFIX).delete()[0]
            self.stdout.write(f"Removed {deleted} bench rows.")
        existing = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
        missing = max(articles - existing, 0)
        if not missing:
            self.stdout.write(f"Archive already holds {existing} bench articles; nothing to do.")
            return

        rng = random.Random(seed + existing)  # noqa: S311 (repeatable test data, not secrets)
        text = TextGenerator(rng)
        sections = self.sections()
        authors = self.authors(rng)
        tags = self.tags(text)
        now = timezone.now()
        self.stdout.write(f"Creating {missing} articles in batches of {BATCH_SIZE}...")
        created = 0
        for batch in batched(range(existing, existing + missing), BATCH_SIZE):
            with transaction.atomic():
                self.create_batch(batch, rng, text, sections, authors, tags, now)
            created += len(batch)
            elapsed = time.monotonic() - started
            self.stdout.write(f"  {created}/{missing} articles ({created / elapsed:.0f}/s)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {created} articles created, {existing + created} bench articles in all, "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def create_batch(self, numbers, rng, text, sections, authors, tags, now) -> None:
        rows = []
        for number in numbers:
            roll = rng.random()
            published_at = now - timedelta(seconds=rng.randint(60, YEARS_OF_ARCHIVE * 365 * 86400))
            status = Article.Status.PUBLISHED
            if roll < 0.03:
                status, published_at = Article.Status.DRAFT, None
            elif roll < 0.05:
                published_at = now + timedelta(hours=rng.randint(1, 240))
            rows.append(
                Article(
                    headline=text.sentence(6, 12),
                    slug=f"{SLUG_PREFIX}{number}",
                    standfirst=text.sentence(15, 25) + ".",
                    body=text.body(),
                    section=rng.choice(sections),
                    status=status,
                    published_at=published_at,
                )
            )
        Article.objects.bulk_create(rows)
        if not all(row.pk for row in rows):  # backends without RETURNING on bulk insert
            by_slug = dict(
                Article.objects.filter(slug__in=[r.slug for r in rows]).values_list("slug", "pk")
            )
            for row in rows:
                row.pk = row.id = by_slug[row.slug]
        bylines, tagged = [], []
        for row in rows:
            for position, author in enumerate(rng.sample(authors, rng.choice([1, 1, 1, 2]))):
                bylines.append(Byline(article=row, author=author, position=position))
            for tag in rng.sample(tags, rng.randint(1, 4)):
                tagged.append(TaggedArticle(content_object=row, tag=tag))
        Byline.objects.bulk_create(bylines)
        TaggedArticle.objects.bulk_create(tagged)

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
