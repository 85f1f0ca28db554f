"""A brand change shows on every page (header logo, icons, theme colour) and in the feeds."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from branding.models import Brand
from core.cache.tags import BRAND, FEEDS
from core.cache.versions import bump


@receiver([post_save, post_delete], sender=Brand)
def brand_changed(sender, instance: Brand, **kwargs) -> None:
    """Bumped now and again at commit, like every other invalidation (articles/signals.py)."""
    tags = {BRAND, FEEDS}
    bump(tags)
    transaction.on_commit(lambda: bump(tags))
