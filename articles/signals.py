"""Decoupled reactions to content changes: cache invalidation and search vectors.

Cache: every change names the cache dependencies it touches (see `newsroom.caching`): the
article itself, its sections, authors and tags, the home page, feeds and sitemaps. Their version
tokens are replaced at once and again when the transaction commits (a reader rendering between
the save and the commit could otherwise store the old state under the new tokens), and the CDN
is told which URLs changed once the change is committed.

Search: an article's vector is built from the article row, its tags and its bylines' author
names. Those are saved separately (the admin saves the article, then its tags and inline
bylines), so each change recomputes the vectors it affects with `update_search_vector` (a no-op
on SQLite). Bulk writes (`bulk_create`, `QuerySet.update`) send no signals: call
`articles_written_in_bulk(ids)` after writing articles, bylines or tags that way (the WordPress
import does), or run `manage.py rebuild_search_index` and `invalidate(...)`.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from taggit.models import Tag

from authors.models import Author
from images.models import Image
from images.signals import renditions_ready
from newsroom.caching import bump, purge_urls

from .models import Article, Byline, Correction, HomeSlot, RelatedArticle, Section, TaggedArticle
from .search import update_search_vector

LIST_TAGS = {"home", "feeds", "sitemaps"}
LIST_PATHS = {"/", "/feed/", "/sitemap.xml"}


def invalidate(tags: set[str], paths: set[str] = frozenset()) -> None:
    """Make every page depending on `tags` stale, now and at commit; then purge `paths`."""
    bump(tags)
    urls = [settings.SITE_URL + path for path in paths]

    def after_commit() -> None:
        bump(tags)
        purge_urls(urls)

    transaction.on_commit(after_commit)


def article_dependents(article_ids: set[int]) -> tuple[set[str], set[str]]:
    """Dependency tags and public paths of everything that can show these articles."""
    tags: set[str] = set()
    paths: set[str] = set()
    articles = Article.objects.filter(pk__in=article_ids).select_related("section__parent")
    for article in articles.only("id", "slug", "section__slug", "section__parent__slug"):
        tags |= {f"article:{article.pk}", f"section:{article.section_id}"}
        paths |= {article.get_absolute_url(), article.section.get_absolute_url()}
        if article.section.parent_id:
            tags.add(f"section:{article.section.parent_id}")
            paths.add(article.section.parent.get_absolute_url())
    # Each author and tag once, however many of the articles share it.
    bylines = Byline.objects.filter(article_id__in=article_ids).order_by().distinct()
    for author_id, slug in bylines.values_list("author_id", "author__slug"):
        tags.add(f"author:{author_id}")
        paths.add(reverse("authors:detail", kwargs={"slug": slug}))
    tagged = TaggedArticle.objects.filter(content_object_id__in=article_ids).order_by().distinct()
    for tag_id, slug in tagged.values_list("tag_id", "tag__slug"):
        tags.add(f"tag:{tag_id}")
        paths.add(reverse("articles:tag", kwargs={"slug": slug}))
    # Pages that hand-picked these articles show their headlines in "More in".
    for source_id in RelatedArticle.objects.filter(target_id__in=article_ids).values_list(
        "article_id", flat=True
    ):
        tags.add(f"article:{source_id}")
    return tags | LIST_TAGS, paths | LIST_PATHS


def articles_written_in_bulk(article_ids: Iterable[int]) -> None:
    """What the save signals do, once for many articles whose rows, bylines or tags were
    written by `bulk_create` (which sends no signals): their search vectors are recomputed and
    every page that can show them is invalidated. Five queries, however many articles."""
    ids = set(article_ids)
    if ids:
        update_search_vector(ids)
        invalidate(*article_dependents(ids))


def _was_or_is_published(article: Article) -> bool:
    return article.status == Article.Status.PUBLISHED or getattr(
        article, "_cache_was_published", False
    )


@receiver(pre_save, sender=Article)
def remember_previous_state(sender, instance: Article, **kwargs) -> None:
    """Keep what the public pages showed before the save: the old section and URL go stale too."""
    instance._cache_previous = None
    if instance.pk is not None:
        instance._cache_previous = (
            Article.objects.filter(pk=instance.pk).values("status", "section_id").first()
        )
    previous = instance._cache_previous or {}
    instance._cache_was_published = previous.get("status") == Article.Status.PUBLISHED


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, **kwargs) -> None:
    if not _was_or_is_published(instance):
        invalidate({f"article:{instance.pk}"})
        return
    tags, paths = article_dependents({instance.pk})
    previous = getattr(instance, "_cache_previous", None) or {}
    if previous.get("section_id") and previous["section_id"] != instance.section_id:
        old_section = Section.objects.filter(pk=previous["section_id"]).first()
        if old_section is not None:
            tags |= {f"section:{old_section.pk}", f"section:{old_section.parent_id}"}
            paths.add(old_section.get_absolute_url())
    invalidate(tags, paths)


@receiver(pre_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs) -> None:
    """Collected before the delete: bylines and tags are gone afterwards."""
    invalidate(*article_dependents({instance.pk}))


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance: Byline, **kwargs) -> None:
    tags, paths = article_dependents({instance.article_id})
    invalidate(tags | {f"author:{instance.author_id}"}, paths)


@receiver([post_save, post_delete], sender=TaggedArticle)
def article_tag_changed(sender, instance: TaggedArticle, **kwargs) -> None:
    tags, paths = article_dependents({instance.content_object_id})
    invalidate(tags | {f"tag:{instance.tag_id}"}, paths)


@receiver([post_save, post_delete], sender=RelatedArticle)
def related_changed(sender, instance: RelatedArticle, **kwargs) -> None:
    invalidate({f"article:{instance.article_id}"})


@receiver([post_save, post_delete], sender=Section)
def section_changed(sender, instance: Section, **kwargs) -> None:
    """Section names appear in the navigation and in labels on every page: "nav" covers them."""
    invalidate(
        {"nav", f"section:{instance.pk}", f"section:{instance.parent_id or 0}", *LIST_TAGS},
        {"/", "/sitemap.xml"},
    )


@receiver([post_save, post_delete], sender=Author)
def author_changed(sender, instance: Author, **kwargs) -> None:
    """Bylines show the name in every list of the author's stories."""
    article_ids = set(
        Byline.objects.filter(author_id=instance.pk).values_list("article_id", flat=True)
    )
    tags, paths = article_dependents(article_ids) if article_ids else (set(LIST_TAGS), set())
    # Article pages show the author box; they depend on the author, not on this change.
    tags = {tag for tag in tags if not tag.startswith("article:")}
    paths.add(instance.get_absolute_url())
    invalidate(tags | {f"author:{instance.pk}"}, paths)


@receiver([post_save, post_delete], sender=Tag)
def tag_changed(sender, instance: Tag, **kwargs) -> None:
    invalidate({f"tag:{instance.pk}"}, {reverse("articles:tag", kwargs={"slug": instance.slug})})


@receiver([post_save, post_delete], sender=Image)
@receiver(renditions_ready, sender=Image)
def image_changed(sender, instance: Image, **kwargs) -> None:
    """Lead images and author photos show their alt text, credit, crops and renditions."""
    article_ids = set(Article.objects.filter(lead_image=instance).values_list("pk", flat=True))
    author_ids = list(Author.objects.filter(photo=instance).values_list("pk", flat=True))
    if not article_ids and not author_ids:
        return
    tags, paths = article_dependents(article_ids) if article_ids else (set(), set())
    invalidate(tags | {f"author:{pk}" for pk in author_ids}, paths)


@receiver([post_save, post_delete], sender=HomeSlot)
def home_picks_changed(sender, instance: HomeSlot, **kwargs) -> None:
    """The editors' picks decide the home page's lead and featured stories."""
    invalidate({"home"}, {"/"})


@receiver([post_save, post_delete], sender=Correction)
def correction_changed(sender, instance: Correction, **kwargs) -> None:
    """Corrections show at the end of their article and mark it as updated."""
    invalidate(*article_dependents({instance.article_id}))


# Search vectors

SEARCHED_FIELDS = {"headline", "dek", "body"}


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def reindex_on_article_saved(
    sender, instance: Article, raw: bool = False, update_fields=None, **kw
) -> None:
    """Skipped when `save(update_fields=...)` touched no searched text (e.g. a status change)."""
    if raw or (update_fields is not None and not SEARCHED_FIELDS & set(update_fields)):
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
