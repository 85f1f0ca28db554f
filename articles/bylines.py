"""Bylines and tags of articles already loaded, each from one prepared query.

What `with_bylines()` and `prefetch_related("tags")` do, without compiling their query again on
every page (core/prepared.py): afterwards `article.byline_authors` and `article.tag_list` run
no query.
"""

from collections.abc import Sequence

from django.db.models import F

from articles.models import Article, TaggedArticle
from authors.models import Author
from core.prepared import prepared


@prepared(shape=["photos"])
def _byline_authors(*, article_ids: list[int], photos: bool):
    """The authors of the articles' bylines, each with the article it is on, in byline order:
    one model instance per byline (the Byline rows themselves were a second one each)."""
    authors = (
        Author.objects.filter(bylines__article_id__in=article_ids)
        .annotate(byline_article_id=F("bylines__article_id"))
        .order_by("bylines__position", "bylines__id")
    )
    return authors.select_related("photo") if photos else authors


@prepared()
def _tag_links(*, article_ids: list[int]):
    links = TaggedArticle.objects.filter(content_object_id__in=article_ids)
    return links.select_related("tag").order_by("pk")


def attach_bylines(articles: Sequence[Article], photos: bool = False) -> None:
    """Each article's byline authors in order (with their photos), as the list
    `article.prefetched_authors` that `byline_authors` reads (what `Prefetch(...,
    to_attr=...)` would leave). `article.bylines` stays the plain relation: the queryset
    Django's prefetch keeps there costs a `filter()` per article to make (0.7 ms of a list
    page's twenty teasers), and only `byline_authors` reads bylines on public pages.

    Articles read `with_byline_rows()` brought their bylines (without photos): no query."""
    if not photos and all("byline_rows" in article.__dict__ for article in articles):
        return  # `byline_authors` reads them
    if articles:
        rows = _byline_authors(article_ids=[article.pk for article in articles], photos=photos)
        by_article: dict[int, list[Author]] = {article.pk: [] for article in articles}
        for author in rows:
            by_article[author.byline_article_id].append(author)
        for article in articles:
            article.prefetched_authors = by_article[article.pk]


def attach_tags(articles: Sequence[Article]) -> None:
    """Each article's tags, as the list `article.prefetched_tags` that `tag_list` reads (like
    `attach_bylines()`: taggit's prefetched queryset cost a query built per article)."""
    if articles:
        by_article: dict[int, list] = {article.pk: [] for article in articles}
        for link in _tag_links(article_ids=[article.pk for article in articles]):
            by_article[link.content_object_id].append(link.tag)
        for article in articles:
            article.prefetched_tags = by_article[article.pk]
