"""Background work for the image library, on Django's tasks framework.

Queued when the upload's transaction commits: a queue worker runs it (the default database
queue, docs/operations.md), or the request itself with the ImmediateBackend.
The model queues this task, so the task finds the model through the app registry instead of
importing it back.
"""

from django.apps import apps
from django.tasks import task


@task
def generate_renditions(image_id: int) -> int:
    """Make the renditions of image `image_id`; returns files written (0 if already done)."""
    image = apps.get_model("images", "Image").objects.filter(pk=image_id).first()
    if image is None:  # deleted before the task ran
        return 0
    return image.make_renditions()
