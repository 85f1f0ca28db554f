"""Reactions to image library changes: a deleted image takes its files with it.

`renditions_ready` is sent when an image's renditions have been made (a background task that
records them without `save()`), so pages showing the image can be refreshed.

The model sends `renditions_ready`, so this module names it only as "images.Image" and reaches
its rows through `sender`: the arrow points from the model to its signals, never back.
"""

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver

from images import renditions

renditions_ready = Signal()  # sender=Image, instance=the image


@receiver(post_delete, sender="images.Image", dispatch_uid="images_delete_files")
def delete_image_files(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    """Remove the original and renditions once the deletion commits, unless still shared.

    The renditions of the current key go too when this instance has not seen them recorded
    (a queue worker recorded them on another copy of the row).
    """
    name = instance.file.name
    keys = {instance.renditions_key, instance.expected_key if name else ""} - {""}

    def delete() -> None:
        if name and not sender.objects.filter(file=name).exists():
            instance.file.storage.delete(name)
        for key in keys:
            if not sender.objects.filter(renditions_key=key).exists():
                renditions.delete_all(key)

    transaction.on_commit(delete)
