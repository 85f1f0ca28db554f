from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from editorial import workflow
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_published_article_is_public():
    article = ArticleFactory()
    assert list(Article.objects.published()) == [article]
    assert article.is_public


def test_draft_is_not_public_even_with_a_past_date():
    ArticleFactory(status=Article.Status.DRAFT, published_at=timezone.now() - timedelta(days=1))
    assert not Article.objects.published().exists()


@pytest.mark.parametrize("status", ["in_review", "ready", "unpublished"])
def test_only_published_status_is_public(status):
    ArticleFactory(status=status)
    assert not Article.objects.published().exists()


def test_published_article_without_date_is_not_public():
    ArticleFactory(published_at=None)
    assert not Article.objects.published().exists()


def test_scheduled_article_is_hidden_until_its_time():
    when = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(published_at=when)
    assert article.is_scheduled
    assert not Article.objects.published().exists()
    with time_machine.travel(when + timedelta(seconds=1)):
        assert list(Article.objects.published()) == [article]


def test_publish_keeps_first_publication_time():
    editor = StaffUserFactory(role="Editor")
    article = ArticleFactory(draft=True)
    workflow.apply(article, "publish", editor)
    first = article.published_at
    article.status = Article.Status.UNPUBLISHED
    workflow.apply(article, "publish", editor)
    assert article.published_at == first
    assert article.is_public


def test_publish_with_time_schedules():
    article = ArticleFactory(draft=True)
    later = timezone.now() + timedelta(days=2)
    workflow.apply(article, "schedule", StaffUserFactory(role="Editor"), at=later)
    assert article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()
