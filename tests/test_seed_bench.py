import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def _run(*args):
    call_command("seed_bench", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_bench_creates_a_realistic_archive():
    _run("--articles", "60")
    bench = Article.objects.filter(slug__startswith="bench-")
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
    assert Article.objects.filter(slug__startswith="bench-").count() == 45
    _run("--articles", "45")
    assert Article.objects.filter(slug__startswith="bench-").count() == 45
    _run("--articles", "10", "--clear")
    assert Article.objects.filter(slug__startswith="bench-").count() == 10


def test_seed_bench_refuses_a_negative_size():
    with pytest.raises(CommandError, match="zero or more"):
        _run("--articles", "-1")
