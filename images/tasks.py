"""Background work for the image library, on Django's tasks framework.

With the default ImmediateBackend the task runs right after the upload's transaction commits;
a real queue backend (e.g. django-tasks-db) moves it out of the request with no code change.
"""

from django.tasks import task


@task
def generate_renditions(image_id: int) -> int:
    """Make the renditions of image `image_id`; returns files written (0 if already done)."""
    from .models import Image

    image = Image.objects.filter(pk=image_id).first()
    if image is None:  # deleted before the task ran
        return 0
    return image.make_renditions()
