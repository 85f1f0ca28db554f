"""Search vectors follow the text they are built from.

An article's vector is built from the article row, its tags and its bylines' author names.
Those are saved separately (the admin saves the article, then its tags and inline bylines), so
each change recomputes the vectors it affects with `update_search_vector` (a no-op on SQLite).
Bulk writers announce their articles with `articles.signals.articles_bulk_written`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle
from articles.signals import articles_bulk_written
from authors.models import Author
from search.backends import backend
from search.index import update_search_vector
from search.tasks import reindex_articles
from search.words import remember_words

SEARCHED_FIELDS = {"headline", "standfirst", "body"}
LIVENESS_FIELDS = {"status", "trashed_at"}


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def reindex_on_article_saved(
    sender, instance: Article, raw: bool = False, update_fields=None, **kw
) -> None:
    """Skipped when `save(update_fields=...)` touched no searched text (e.g. a status change),
    except that a story going live (published, or back from the trash) brings its words to
    the suggestion words."""
    if raw:
        return
    if update_fields is not None and not SEARCHED_FIELDS & set(update_fields):
        if LIVENESS_FIELDS & set(update_fields):
            remember_words([instance.pk])
        return
    update_search_vector([instance.pk])


@receiver(post_save, sender=Byline, dispatch_uid="search_byline_saved")
@receiver(post_delete, sender=Byline, dispatch_uid="search_byline_deleted")
def reindex_on_byline_changed(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    """A byline was added, reordered or removed (the admin's inline formset saves each)."""
    if not raw:
        update_search_vector([instance.article_id])


@receiver(m2m_changed, sender=TaggedArticle, dispatch_uid="search_tags_changed")
def reindex_on_tags_changed(sender, instance, action: str, **kwargs) -> None:
    """`article.tags.add/remove/set/clear` (the admin's tag field uses `set`): once per call."""
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        update_search_vector([instance.pk])


@receiver(post_delete, sender=TaggedArticle, dispatch_uid="search_tag_link_deleted")
def reindex_on_tag_link_deleted(sender, instance: TaggedArticle, **kwargs) -> None:
    """A tag deleted outright takes its links with it, without an m2m_changed signal."""
    update_search_vector([instance.content_object_id])


@receiver(post_save, sender=Author, dispatch_uid="search_author_renamed")
def reindex_on_author_saved(
    sender, instance: Author, created: bool, raw: bool = False, **kwargs
) -> None:
    if not raw and not created:
        update_search_vector(
            Byline.objects.filter(author=instance).values_list("article_id", flat=True)
        )


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_renamed")
def reindex_on_tag_saved(sender, instance: Tag, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw and not created:
        update_search_vector(
            TaggedArticle.objects.filter(tag=instance).values_list("content_object_id", flat=True)
        )


@receiver(articles_bulk_written, dispatch_uid="search_bulk_written")
def reindex_bulk_written(sender, article_ids: set[int], **kwargs) -> None:
    """On the queue: an import's batch commits without waiting for its vectors. The job row is
    written in the batch's transaction, so a worker sees it only once the articles exist."""
    if backend().STORES_VECTORS:
        reindex_articles.enqueue(sorted(article_ids))
