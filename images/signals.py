"""Reactions to image library changes: a deleted image takes its files with it.

`renditions_ready` is sent when an image's renditions have been made (a background task that
records them without `save()`), so pages showing the image can be refreshed.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver

from . import renditions
from .models import Image

renditions_ready = Signal()  # sender=Image, instance=the image


@receiver(post_delete, sender=Image, dispatch_uid="images_delete_files")
def delete_image_files(sender, instance: Image, **kwargs) -> None:
    """Remove the original and renditions once the deletion commits, unless still shared."""
    name, key = instance.file.name, instance.renditions_key

    def delete() -> None:
        if name and not Image.objects.filter(file=name).exists():
            instance.file.storage.delete(name)
        if key and not Image.objects.filter(renditions_key=key).exists():
            renditions.delete_all(key)

    transaction.on_commit(delete)
