import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from search.engine import search_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the COPY writer and stored search vectors are PostgreSQL's (CI runs it too)",
)


def _run(*args) -> str:
    out = io.StringIO()
    call_command("seed_bench", *args, stdout=out)
    return out.getvalue()


def bench_articles():
    return Article.objects.filter(slug__startswith="bench-")


def archive() -> list[tuple]:
    """Everything the seed decides about each bench article, without ids and times."""
    now = timezone.now()
    rows = []
    for article in bench_articles().order_by("slug").prefetch_related("bylines__author", "tags"):
        when = (
            None
            if article.published_at is None
            else "future"
            if article.published_at > now
            else "past"
        )
        rows.append(
            (
                article.slug,
                article.headline,
                article.standfirst,
                article.body,
                article.body_seal,
                article.section.slug,
                article.status,
                when,
                article.lead_image_caption,
                article.seo_title,
                article.meta_description,
                article.version,
                article.trashed_at,
                [(b.position, b.author.slug) for b in article.bylines.all()],
                sorted(tag.name for tag in article.tags.all()),
            )
        )
    return rows


def test_seed_bench_creates_a_realistic_archive():
    _run("--articles", "60")
    bench = bench_articles()
    assert bench.count() == 60
    assert Article.objects.published().count() >= 50
    assert bench.filter(bylines__isnull=True).count() == 0
    assert bench.filter(tagged_items__isnull=True).count() == 0
    sample = bench.first()
    assert "<h2>" in sample.body or "<p>" in sample.body
    assert len(set(bench.values_list("headline", flat=True))) == 60


def test_seed_bench_tops_up_and_clears():
    _run("--articles", "30")
    _run("--articles", "45")
    assert bench_articles().count() == 45
    _run("--articles", "45")
    assert bench_articles().count() == 45
    _run("--articles", "10", "--clear")
    assert bench_articles().count() == 10


def test_seed_bench_refuses_a_negative_size():
    with pytest.raises(CommandError, match="zero or more"):
        _run("--articles", "-1")


@postgresql_only
def test_copy_writes_the_rows_bulk_create_writes_for_the_same_seed():
    _run("--articles", "40", "--bulk-create", "--seed", "7")
    by_bulk_create = archive()
    _run("--articles", "40", "--clear", "--seed", "7")
    assert archive() == by_bulk_create
    assert len(by_bulk_create) == 40


@postgresql_only
def test_postgresql_seeds_with_copy_not_inserts():
    with CaptureQueriesContext(connection) as captured:
        output = _run("--articles", "50")
    assert "(COPY)" in output
    assert bench_articles().count() == 50
    inserts = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith("INSERT")]
    assert not [sql for sql in inserts if "articles_article" in sql]
    assert not [sql for sql in inserts if "articles_byline" in sql]
    assert not [sql for sql in inserts if "articles_taggedarticle" in sql]


@postgresql_only
def test_copy_archive_has_bylines_tags_drafts_and_scheduled_stories():
    output = _run("--articles", "400")
    bench = bench_articles()
    assert bench.count() == 400
    assert bench.filter(bylines__isnull=True).count() == 0
    assert bench.filter(tagged_items__isnull=True).count() == 0
    assert bench.filter(bylines__position=1).exists()  # some stories have two authors
    drafts = bench.filter(status=Article.Status.DRAFT, published_at__isnull=True).count()
    scheduled = bench.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    ).count()
    assert 2 <= drafts <= 30 and 2 <= scheduled <= 24  # 3 % and 2 % of 400
    assert Article.objects.published().count() == 400 - drafts - scheduled
    assert len(set(bench.values_list("headline", flat=True))) == 400
    assert len(set(bench.values_list("slug", flat=True))) == 400
    assert "400/400 articles" in output and "Done: 400 articles created" in output


@postgresql_only
def test_copy_top_up_takes_ids_from_the_sequence():
    _run("--articles", "30")
    first = set(bench_articles().values_list("pk", flat=True))
    _run("--articles", "45")
    added = set(bench_articles().values_list("pk", flat=True)) - first
    assert len(added) == 15 and min(added) > max(first)
    assert sorted(bench_articles().values_list("slug", flat=True)) == sorted(
        f"bench-{number}" for number in range(45)
    )
    # The sequence moved past the copied ids: the next ordinary save gets a free one.
    assert ArticleFactory().pk > max(added)
    assert "nothing to do" in _run("--articles", "45")


@postgresql_only
def test_search_vectors_are_filled_when_asked():
    _run("--articles", "20")
    assert not bench_articles().filter(search_vector__isnull=False).exists()
    output = _run("--articles", "35", "--search-vectors")
    # The 15 new articles, and the 20 an earlier run left without (as an interrupted one would).
    assert "35/35 search vectors" in output
    assert bench_articles().filter(search_vector__isnull=True).count() == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_article WHERE slug LIKE 'bench-%%' "
            "AND search_pairs IS NULL"
        )
        assert cursor.fetchone()[0] == 0  # the trigger of articles 0012 filled the pairs
    new = bench_articles().filter(slug__in=[f"bench-{number}" for number in range(20, 35)])
    article = new.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now()).first()
    author = article.bylines.first().author.name.split()[-1]
    assert article in search_articles(f'"{article.headline}" {author}')
    assert "Filling the search vectors of 0 articles" in _run(
        "--articles", "35", "--search-vectors"
    )
    assert "nothing to do" in _run("--articles", "35")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite stores no search vectors")
def test_search_vectors_on_sqlite_are_nothing_to_fill():
    output = _run("--articles", "5", "--search-vectors")
    assert bench_articles().count() == 5
    assert "does not store them" in output
