"""Decoupled reactions to content changes: cache invalidation.

Cache: every change names the cache tags it touches (`core.cache.tags`, bumped through
`core.cache.versions`): the
article itself, its sections, authors and tags, the home page, feeds and sitemaps. Their version
tokens are replaced at once and again when the transaction commits (a reader rendering between
the save and the commit could otherwise store the old state under the new tokens), and the CDN
is told which URLs changed once the change is committed.

Search vectors follow the same changes in `search/signals.py`. Bulk writes (`bulk_create`,
`QuerySet.update`) send no signals: call `articles_written_in_bulk(ids)` after writing articles,
bylines or tags that way (the WordPress import does), or run `manage.py rebuild_search_index`
and `invalidate(...)`.
"""

import contextlib
import contextvars
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal, receiver
from django.urls import reverse
from taggit.models import Tag

from articles.models import (
    Article,
    Byline,
    Correction,
    HomeSlot,
    RelatedArticle,
    Section,
    TaggedArticle,
)
from articles.tasks import hold_article_page, purge_cdn, warm_article_page
from authors.models import Author
from core.cache.tags import FEEDS, HOME, NAV, SITEMAPS, is_tag_of, tag_for, tag_for_pk
from core.cache.versions import bump
from images.models import Image
from images.signals import renditions_ready

LIST_TAGS = {HOME, FEEDS, SITEMAPS}
LIST_PATHS = {"/", "/feed/", "/sitemap.xml"}


def invalidate(
    tags: set[str], paths: set[str] = frozenset(), *, keeps_public: bool = False
) -> None:
    """Make every page depending on `tags` stale, now and at commit; then purge `paths`.

    `keeps_public`: nothing left the public set, so the previous copies may be served for a
    few seconds while one worker renders the new ones (core/cache/grace.py).
    """
    bump(tags, keeps_public=keeps_public)
    urls = [settings.SITE_URL + path for path in paths]

    def after_commit() -> None:
        bump(tags, keeps_public=keeps_public)
        if settings.CDN_PURGE_CALLABLE and urls:
            purge_cdn.enqueue(sorted(set(urls)))

    transaction.on_commit(after_commit)


_warming = contextvars.ContextVar("warm_edited_pages", default=True)


@contextlib.contextmanager
def warming_paused():
    """Within it (this thread or task), edits queue no warming: a re-import touches thousands
    of stories that nobody is about to read, and their first readers render them as before."""
    token = _warming.set(False)
    try:
        yield
    finally:
        _warming.reset(token)


def warm_after_commit(article_id: int) -> None:
    """Once the change is committed (after the invalidations registered before this call),
    claim the article's page for the queue and have it render the page again: readers who come
    before the worker are served the page from before the edit (for at most the page cache's
    grace), the ones after it find the new page stored, and its pieces warm."""
    if settings.WARM_EDITED_PAGES and settings.FRAGMENT_CACHE_ENABLED and _warming.get():

        def warm() -> None:
            article = Article.objects.only("pk", "slug").filter(pk=article_id).first()
            if article is not None:  # else deleted since
                hold_article_page(article)
                warm_article_page.enqueue(article_id)

        transaction.on_commit(warm)


def article_dependents(article_ids: set[int]) -> tuple[set[str], set[str]]:
    """Dependency tags and public paths of everything that can show these articles."""
    tags: set[str] = set()
    paths: set[str] = set()
    articles = Article.objects.filter(pk__in=article_ids).select_related("section__parent")
    for article in articles.only("id", "slug", "section__slug", "section__parent__slug"):
        tags |= {tag_for(article), tag_for_pk(Section, article.section_id)}
        paths |= {article.get_absolute_url(), article.section.get_absolute_url()}
        if article.section.parent_id:
            tags.add(tag_for_pk(Section, article.section.parent_id))
            paths.add(article.section.parent.get_absolute_url())
    # Each author and tag once, however many of the articles share it.
    bylines = Byline.objects.filter(article_id__in=article_ids).order_by().distinct()
    for author_id, slug in bylines.values_list("author_id", "author__slug"):
        tags.add(tag_for_pk(Author, author_id))
        paths.add(reverse("articles:author", kwargs={"slug": slug}))
    tagged = TaggedArticle.objects.filter(content_object_id__in=article_ids).order_by().distinct()
    for tag_id, slug in tagged.values_list("tag_id", "tag__slug"):
        tags.add(tag_for_pk(Tag, tag_id))
        paths.add(reverse("articles:tag", kwargs={"slug": slug}))
    # Pages that hand-picked these articles show their headlines in "More in".
    for source_id in RelatedArticle.objects.filter(target_id__in=article_ids).values_list(
        "article_id", flat=True
    ):
        tags.add(tag_for_pk(Article, source_id))
    return tags | LIST_TAGS, paths | LIST_PATHS


# Sent with `article_ids` by `articles_written_in_bulk`: the search index listens.
articles_bulk_written = Signal()


def articles_written_in_bulk(article_ids: Iterable[int]) -> None:
    """What the save signals do, once for many articles whose rows, bylines or tags were
    written by `bulk_create` (which sends no signals): their search vectors are recomputed
    (`articles_bulk_written`) and every page that can show them is invalidated. Five queries,
    however many articles."""
    ids = set(article_ids)
    if ids:
        articles_bulk_written.send(sender=Article, article_ids=ids)
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
        invalidate({tag_for(instance)})
        return
    tags, paths = article_dependents({instance.pk})
    previous = getattr(instance, "_cache_previous", None) or {}
    if previous.get("section_id") and previous["section_id"] != instance.section_id:
        old_section = Section.objects.filter(pk=previous["section_id"]).first()
        if old_section is not None:
            tags |= {tag_for(old_section), tag_for_pk(Section, old_section.parent_id)}
            paths.add(old_section.get_absolute_url())
    # A publish or an edit of a public story; an unpublish, a trash or a move into the future
    # leaves the public set, and then no stored copy may be served again.
    invalidate(tags, paths, keeps_public=instance.is_public)
    if instance.is_public:
        warm_after_commit(instance.pk)


@receiver(pre_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs) -> None:
    """Collected before the delete: bylines and tags are gone afterwards."""
    invalidate(*article_dependents({instance.pk}))


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance: Byline, **kwargs) -> None:
    tags, paths = article_dependents({instance.article_id})
    # The article stays as public as it was: at most it leaves an author's list.
    invalidate(tags | {tag_for_pk(Author, instance.author_id)}, paths, keeps_public=True)


@receiver([post_save, post_delete], sender=TaggedArticle)
def article_tag_changed(sender, instance: TaggedArticle, **kwargs) -> None:
    tags, paths = article_dependents({instance.content_object_id})
    invalidate(tags | {tag_for_pk(Tag, instance.tag_id)}, paths, keeps_public=True)


@receiver([post_save, post_delete], sender=RelatedArticle)
def related_changed(sender, instance: RelatedArticle, **kwargs) -> None:
    invalidate({tag_for_pk(Article, instance.article_id)}, keeps_public=True)
    warm_after_commit(instance.article_id)  # the hand-picked stories are saved after it


@receiver([post_save, post_delete], sender=Section)
def section_changed(sender, instance: Section, signal, **kwargs) -> None:
    """Section names appear in the navigation and in labels on every page: "nav" covers them."""
    invalidate(
        {NAV, tag_for(instance), tag_for_pk(Section, instance.parent_id or 0), *LIST_TAGS},
        {"/", "/sitemap.xml"},
        keeps_public=signal is post_save,
    )


@receiver([post_save, post_delete], sender=Author)
def author_changed(sender, instance: Author, signal, **kwargs) -> None:
    """Bylines show the name in every list of the author's stories."""
    article_ids = set(
        Byline.objects.filter(author_id=instance.pk).values_list("article_id", flat=True)
    )
    tags, paths = article_dependents(article_ids) if article_ids else (set(LIST_TAGS), set())
    # Article pages show the author box; they depend on the author, not on this change.
    tags = {tag for tag in tags if not is_tag_of(tag, Article)}
    paths.add(instance.get_absolute_url())
    invalidate(tags | {tag_for(instance)}, paths, keeps_public=signal is post_save)


@receiver([post_save, post_delete], sender=Tag)
def tag_changed(sender, instance: Tag, signal, **kwargs) -> None:
    path = reverse("articles:tag", kwargs={"slug": instance.slug})
    invalidate({tag_for(instance)}, {path}, keeps_public=signal is post_save)


@receiver([post_save, post_delete], sender=Image)
@receiver(renditions_ready, sender=Image)
def image_changed(sender, instance: Image, signal, **kwargs) -> None:
    """Lead images and author photos show their alt text, credit, crops and renditions."""
    article_ids = set(Article.objects.filter(lead_image=instance).values_list("pk", flat=True))
    author_ids = list(Author.objects.filter(photo=instance).values_list("pk", flat=True))
    if not article_ids and not author_ids:
        return
    tags, paths = article_dependents(article_ids) if article_ids else (set(), set())
    keeps_public = signal is not post_delete
    invalidate(
        tags | {tag_for_pk(Author, pk) for pk in author_ids}, paths, keeps_public=keeps_public
    )


@receiver([post_save, post_delete], sender=HomeSlot)
def home_picks_changed(sender, instance: HomeSlot, **kwargs) -> None:
    """The editors' picks decide the home page's lead and featured stories."""
    invalidate({HOME}, {"/"}, keeps_public=True)


@receiver([post_save, post_delete], sender=Correction)
def correction_changed(sender, instance: Correction, **kwargs) -> None:
    """Corrections show at the end of their article and mark it as updated."""
    invalidate(*article_dependents({instance.article_id}), keeps_public=True)
