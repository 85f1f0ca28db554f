"""Page and menu changes: caches invalidated, and a 301 when a page's path moves.

A page's path is its ancestors' slugs and its own, so renaming or moving a page moves every
page under it: each of them is saved again with its new path and gets its own redirect.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.signals import invalidate
from core.cache.tags import MENUS, SITEMAPS, tag_for
from pages.models import MenuItem, Page
from redirects.models import Redirect
from redirects.recording import add_redirect


@receiver(pre_save, sender=Page)
def remember_stored_path(sender, instance: Page, raw: bool = False, **kwargs) -> None:
    instance._stored_path = None
    if not raw and instance.pk is not None:
        instance._stored_path = (
            Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
        )


@receiver(post_save, sender=Page)
def page_saved(sender, instance: Page, raw: bool = False, **kwargs) -> None:
    old_path = getattr(instance, "_stored_path", None)
    instance._stored_path = None
    paths = {instance.get_absolute_url()}
    if not raw and old_path and old_path != instance.path:
        old_url = f"/{old_path}/"
        add_redirect(old_url, instance.get_absolute_url(), source=Redirect.Source.AUTOMATIC)
        paths.add(old_url)
        for child in instance.children.all():
            child.parent = instance
            child.save()  # its path follows; its own signal records its redirect
    invalidate({tag_for(instance), MENUS, SITEMAPS}, paths)


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance: Page, **kwargs) -> None:
    invalidate({tag_for(instance), MENUS, SITEMAPS}, {instance.get_absolute_url()})


@receiver([post_save, post_delete], sender=MenuItem)
def menu_changed(sender, instance: MenuItem, **kwargs) -> None:
    """Menus are in the header and footer of every page."""
    invalidate({MENUS})
