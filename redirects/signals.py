"""Renaming a slug records redirects from every old public URL of the object to its new one.

Pages and feeds of sections, authors and tags carry the slug in their URL. Before a save the
stored slug is read; after it, each URL built from the old slug gets a 301 to the one built
from the new slug, through `add_redirect` (so chains collapse and loops cannot form).
Articles need nothing here: their URL holds the pk, and a wrong slug already answers 301.
"""

from urllib.parse import unquote

from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from taggit.models import Tag

from articles.models import Section
from authors.models import Author
from redirects.models import Redirect
from redirects.recording import add_redirect

# For each model whose slug is in public URLs: the URL names taking `slug`.
SLUG_URLS: dict[type, tuple[str, ...]] = {
    Section: ("articles:section", "distribution:section_feed", "distribution:section_atom"),
    Author: ("articles:author", "distribution:author_feed", "distribution:author_atom"),
    Tag: ("articles:tag", "distribution:tag_feed", "distribution:tag_atom"),
}


def public_paths(model: type, slug: str) -> list[str]:
    """The decoded paths (as `request.path` sees them) of `model`'s pages for `slug`."""
    return [unquote(reverse(name, kwargs={"slug": slug})) for name in SLUG_URLS[model]]


def remember_stored_slug(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    instance._permalinks_stored_slug = (
        sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    )


def redirect_old_slug(sender, instance, raw: bool = False, **kwargs) -> None:
    old_slug = getattr(instance, "_permalinks_stored_slug", None)
    instance._permalinks_stored_slug = None
    if raw or not old_slug or old_slug == instance.slug:
        return
    for old, new in zip(
        public_paths(sender, old_slug), public_paths(sender, instance.slug), strict=True
    ):
        add_redirect(old, new, source=Redirect.Source.AUTOMATIC)


def connect() -> None:
    for model in SLUG_URLS:
        pre_save.connect(remember_stored_slug, sender=model, dispatch_uid=f"redirects-pre-{model}")
        post_save.connect(redirect_old_slug, sender=model, dispatch_uid=f"redirects-post-{model}")
