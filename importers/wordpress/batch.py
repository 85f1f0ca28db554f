"""Writing a batch of prepared posts: one INSERT per table, whatever the number of posts.

A post is first prepared (`WordPressImport.prepare_post`: planned by `mapping.plan`, its section,
tags, author and lead image resolved by `lookup.Lookup`) with none of its own rows written. A
batch of them is then written here: the new articles with one `bulk_create` (PostgreSQL and
SQLite both return the keys), then the bylines, tag links and source rows of the whole batch, one
`bulk_create` each.
Articles updated by a re-run are saved one by one (their save signals see the old section) and
get their bylines and tags replaced in the same bulk inserts.

Bulk inserts send no signals, so what the signals would have done for bylines, tags and new
articles is done once for the batch: search vectors and cache invalidation
(`articles.signals.articles_written_in_bulk`).
"""

from dataclasses import dataclass

from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle, WordPressSource
from articles.signals import articles_written_in_bulk, warming_paused
from authors.models import Author
from importers.wordpress import wxr
from importers.wordpress.mapping import ArticlePlan


@dataclass
class PreparedPost:
    item: wxr.Item
    plan: ArticlePlan
    article: Article  # unsaved when the post is new
    source: WordPressSource
    author: Author | None
    tags: list[Tag]
    old_url: str | None  # the article's URL before this run (updates only)
    outcome: str  # "created" or "updated"


def write_posts(posts: list[PreparedPost]) -> None:
    new = [post for post in posts if post.outcome == "created"]
    updated = [post for post in posts if post.outcome != "created"]
    Article.objects.bulk_create([post.article for post in new])
    with warming_paused():  # a re-run may update thousands of stories nobody is reading
        for post in updated:  # bylines and tags are replaced
            post.article.save()
            Byline.objects.filter(article=post.article).delete()
            TaggedArticle.objects.filter(content_object=post.article).delete()
    Byline.objects.bulk_create(
        Byline(article=post.article, author=post.author, position=0)
        for post in posts
        if post.author is not None
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=post.article, tag=tag) for post in posts for tag in post.tags
    )
    for post in new:
        post.source.article = post.article
    WordPressSource.objects.bulk_create([post.source for post in new])
    for post in updated:
        post.source.save()
    articles_written_in_bulk(post.article.pk for post in posts)
