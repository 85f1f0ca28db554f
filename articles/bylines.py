"""Bylines and tags of articles already loaded, each from one prepared query.

What `with_bylines()` and `prefetch_related("tags")` do, without compiling their query again on
every page (core/prepared.py): afterwards `article.byline_authors` and `article.tag_list` run
no query.
"""

from collections.abc import Sequence

from articles.models import Article, Byline, TaggedArticle
from core.prepared import prepared


@prepared(shape=["photos"])
def _bylines(*, article_ids: list[int], photos: bool):
    author = "author__photo" if photos else "author"
    return (
        Byline.objects.filter(article_id__in=article_ids)
        .select_related(author)
        .order_by("position")
    )


@prepared()
def _tag_links(*, article_ids: list[int]):
    links = TaggedArticle.objects.filter(content_object_id__in=article_ids)
    return links.select_related("tag").order_by("pk")


def attach_bylines(articles: Sequence[Article], photos: bool = False) -> None:
    """Each article's ordered bylines with their authors (and the authors' photos), as the
    list `article.prefetched_bylines` that `byline_authors` reads (what `Prefetch(...,
    to_attr=...)` would leave). `article.bylines` stays the plain relation: the queryset
    Django's prefetch keeps there costs a `filter()` per article to make (0.7 ms of a list
    page's twenty teasers), and only `byline_authors` reads bylines on public pages."""
    if articles:
        rows = _bylines(article_ids=[article.pk for article in articles], photos=photos)
        by_article: dict[int, list[Byline]] = {article.pk: [] for article in articles}
        for row in rows:
            by_article[row.article_id].append(row)
        for article in articles:
            article.prefetched_bylines = by_article[article.pk]
            for row in article.prefetched_bylines:
                Byline.article.field.set_cached_value(row, article)


def attach_tags(articles: Sequence[Article]) -> None:
    """Each article's tags, as the list `article.prefetched_tags` that `tag_list` reads (like
    `attach_bylines()`: taggit's prefetched queryset cost a query built per article)."""
    if articles:
        by_article: dict[int, list] = {article.pk: [] for article in articles}
        for link in _tag_links(article_ids=[article.pk for article in articles]):
            by_article[link.content_object_id].append(link.tag)
        for article in articles:
            article.prefetched_tags = by_article[article.pk]
