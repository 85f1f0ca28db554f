"""A library image shown in bodies: its edit (alt text, caption, credit, crops) retires them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache.tags import tag_for
from core.cache.versions import bump
from images.models import Image
from images.signals import renditions_ready


@receiver([post_save, post_delete], sender=Image)
@receiver(renditions_ready, sender=Image)
def body_image_changed(sender, instance: Image, **kwargs) -> None:
    bump([tag_for(instance)])
