"""Which saves are events: changes to what the public site shows, and nothing else.

Before a save the stored row is read; after it the object's public state is compared with the
row's (`is_public`, the in-memory form of `published()`). Not public → public is "published",
public → not public is "unpublished" (or "deleted" when the article went to the trash), public →
public with a public field changed is "updated". Drafts and reviews are never announced; a
scheduled story is announced when its time comes (`schedule.py`). Nothing is read while no
subscription listens to the model's events.
"""

from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from articles.models import Article, Correction
from pages.models import Page
from webhooks import payloads, schedule
from webhooks.events import announce, forget_listened, listened
from webhooks.models import Event, Subscription

ARTICLE_EVENTS = {
    Event.ARTICLE_PUBLISHED,
    Event.ARTICLE_UPDATED,
    Event.ARTICLE_UNPUBLISHED,
    Event.ARTICLE_DELETED,
}
PAGE_EVENTS = {Event.PAGE_PUBLISHED, Event.PAGE_UPDATED, Event.PAGE_UNPUBLISHED, Event.PAGE_DELETED}
# What readers see of each: a change to any other field (version, editor, search vector) is
# not an update.
ARTICLE_FIELDS = (
    "headline", "slug", "standfirst", "body", "section_id", "lead_image_id",
    "lead_image_caption", "published_at", "seo_title", "meta_description", "social_title",
    "social_description", "social_image_id",
)  # fmt: skip
ARTICLE_STATE = (*ARTICLE_FIELDS, "status", "unpublish_at", "trashed_at")
PAGE_FIELDS = ("title", "slug", "path", "body", "seo_title", "seo_description")
NOT_LISTENING = object()


@receiver([post_save, pre_delete], sender=Subscription)
def subscriptions_changed(sender, **kwargs) -> None:
    forget_listened()


def _public_page(instance: Page):
    if not listened() & PAGE_EVENTS:
        return NOT_LISTENING
    if instance.pk is None:
        return None
    return Page.objects.published().filter(pk=instance.pk).values(*PAGE_FIELDS).first()


def _event(before, instance, fields, *, published, updated, unpublished) -> str | None:
    if before is NOT_LISTENING:
        return None
    if before is None:
        return published if instance.is_public else None
    if not instance.is_public:
        return unpublished
    if any(before[field] != getattr(instance, field) for field in fields):
        return updated
    return None


@receiver(pre_save, sender=Article)
def remember_article(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    """The stored row: its public fields, and what decides whether it is public."""
    instance._webhook_before = NOT_LISTENING
    if not raw and listened() & ARTICLE_EVENTS:
        instance._webhook_before = (
            Article.objects.filter(pk=instance.pk).values(*ARTICLE_STATE).first()
            if instance.pk is not None
            else None
        )


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, **kwargs) -> None:
    stored = getattr(instance, "_webhook_before", NOT_LISTENING)
    instance._webhook_before = NOT_LISTENING  # a second save compares with this one
    if stored is NOT_LISTENING:
        return
    schedule.follow(instance, stored)
    # `is_public` is `published()` for one row in memory.
    before = stored if stored is not None and Article(**stored).is_public else None
    event = _event(
        before,
        instance,
        ARTICLE_FIELDS,
        published=Event.ARTICLE_PUBLISHED,
        updated=Event.ARTICLE_UPDATED,
        unpublished=(Event.ARTICLE_DELETED if instance.trashed_at else Event.ARTICLE_UNPUBLISHED),
    )
    if event in (Event.ARTICLE_UNPUBLISHED, Event.ARTICLE_DELETED):
        former = Article(pk=instance.pk, slug=before["slug"])  # the URL readers knew
        data = payloads.gone("article", instance.pk, former.get_absolute_url())
        announce(event, lambda: data)
    elif event:
        announce(event, lambda: payloads.article(instance.pk))


@receiver(pre_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs) -> None:
    if Event.ARTICLE_DELETED in listened() and instance.is_public:
        data = payloads.gone("article", instance.pk, instance.get_absolute_url())
        announce(Event.ARTICLE_DELETED, lambda: data)


@receiver(post_save, sender=Correction)
def correction_added(sender, instance: Correction, created: bool, raw: bool = False, **kwargs):
    if created and not raw and Event.ARTICLE_CORRECTED in listened():
        # Built after the commit: a correction on a draft gives None there, and nothing is sent.
        announce(Event.ARTICLE_CORRECTED, lambda: payloads.corrected_article(instance.pk))


@receiver(pre_save, sender=Page)
def remember_public_page(sender, instance: Page, raw: bool = False, **kwargs) -> None:
    instance._webhook_before = NOT_LISTENING if raw else _public_page(instance)


@receiver(post_save, sender=Page)
def page_saved(sender, instance: Page, **kwargs) -> None:
    before = getattr(instance, "_webhook_before", NOT_LISTENING)
    instance._webhook_before = NOT_LISTENING
    event = _event(
        before,
        instance,
        PAGE_FIELDS,
        published=Event.PAGE_PUBLISHED,
        updated=Event.PAGE_UPDATED,
        unpublished=Event.PAGE_UNPUBLISHED,
    )
    if event == Event.PAGE_UNPUBLISHED:
        former = Page(pk=instance.pk, path=before["path"])  # the URL readers knew
        data = payloads.gone("page", instance.pk, former.get_absolute_url())
        announce(event, lambda: data)
    elif event:
        announce(event, lambda: payloads.page(instance.pk))


@receiver(pre_delete, sender=Page)
def page_deleted(sender, instance: Page, **kwargs) -> None:
    if Event.PAGE_DELETED in listened() and instance.is_public:
        data = payloads.gone("page", instance.pk, instance.get_absolute_url())
        announce(Event.PAGE_DELETED, lambda: data)
