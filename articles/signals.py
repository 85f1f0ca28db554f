"""Decoupled reactions to content changes: keeping the stored search vectors current.

An article's vector is built from the article row, its tags and its bylines' author names.
Those are saved separately (the admin saves the article, then its tags and inline bylines), so
each change recomputes the vectors it affects with `update_search_vector` (a no-op on
SQLite). Bulk writes (`bulk_create`, `QuerySet.update`) send no signals: run
`manage.py rebuild_search_index` after them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag

from authors.models import Author

from .models import Article, Byline, TaggedArticle
from .search import update_search_vector

SEARCHED_FIELDS = {"headline", "dek", "body"}


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender, instance: Article, raw: bool = False, update_fields=None, **kw) -> None:
    """Skipped when `save(update_fields=...)` touched no searched text (e.g. a status change)."""
    if raw or (update_fields is not None and not SEARCHED_FIELDS & set(update_fields)):
        return
    update_search_vector([instance.pk])


@receiver(post_save, sender=Byline, dispatch_uid="search_byline_saved")
@receiver(post_delete, sender=Byline, dispatch_uid="search_byline_deleted")
def byline_changed(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    """A byline was added, reordered or removed (the admin's inline formset saves each)."""
    if not raw:
        update_search_vector([instance.article_id])


@receiver(m2m_changed, sender=TaggedArticle, dispatch_uid="search_tags_changed")
def tags_changed(sender, instance, action: str, **kwargs) -> None:
    """`article.tags.add/remove/set/clear` (the admin's tag field uses `set`): once per call."""
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        update_search_vector([instance.pk])


@receiver(post_delete, sender=TaggedArticle, dispatch_uid="search_tag_link_deleted")
def tag_link_deleted(sender, instance: TaggedArticle, **kwargs) -> None:
    """A tag deleted outright takes its links with it, without an m2m_changed signal."""
    update_search_vector([instance.content_object_id])


@receiver(post_save, sender=Author, dispatch_uid="search_author_renamed")
def author_saved(sender, instance: Author, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw and not created:
        update_search_vector(
            Byline.objects.filter(author=instance).values_list("article_id", flat=True)
        )


@receiver(post_save, sender=Tag, dispatch_uid="search_tag_renamed")
def tag_saved(sender, instance: Tag, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw and not created:
        update_search_vector(
            TaggedArticle.objects.filter(tag=instance).values_list("content_object_id", flat=True)
        )
