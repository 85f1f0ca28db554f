"""Cache invalidation for live blogs.

An entry change (new, corrected, published, withdrawn, deleted) bumps the live blog's tag: the
article page, its update check, its archive pages and its feed show entries, nothing else does.
A change of the live blog itself (created, state, key points, coverage times) also retires
what shows the story in lists (teasers carry the "Live" mark), through the article's own
dependents, and the map of live stories (`reading.LIVE_BLOGS`).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from articles.models import Article
from articles.signals import article_dependents, invalidate
from core.cache.tags import tag_for_pk
from liveblog.models import Entry, LiveBlog, archive_url, page_of
from liveblog.reading import LIVE_BLOGS


def _paths(blog_id: int, number: int | None) -> set[str]:
    """URLs a CDN may hold that show the entry: the update checks are not listed (their
    s-maxage is a few seconds and their addresses are many)."""
    article = Article.objects.only("id", "slug").filter(pk=blog_id).first()
    paths = {reverse("liveblog:feed", kwargs={"pk": blog_id})}
    if article is not None:
        paths.add(article.get_absolute_url())
    if number is not None:
        paths.add(archive_url(blog_id, page_of(number)))
    return paths


@receiver([post_save, post_delete], sender=Entry)
def entry_changed(sender, instance: Entry, **kwargs) -> None:
    if instance.number is None:  # a draft never published: only the admin shows it
        return
    # The blog's tag only: lists depend on the article's tag for its teaser, which an entry
    # does not change.
    invalidate(
        {tag_for_pk(LiveBlog, instance.live_blog_id)},
        _paths(instance.live_blog_id, instance.number),
    )


@receiver([post_save, post_delete], sender=LiveBlog)
def live_blog_changed(sender, instance: LiveBlog, **kwargs) -> None:
    tags, paths = article_dependents({instance.pk})
    invalidate(tags | {LIVE_BLOGS, tag_for_pk(LiveBlog, instance.pk)}, paths)
