"""Make missing renditions: after a migration, a restore, or a change of rendition VERSION."""

from django.core.management.base import BaseCommand, CommandError

from images.models import Image


class Command(BaseCommand):
    help = "Generate the renditions of every image that lacks current ones (safe to run twice)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only report how many images need renditions."
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        stale = [image for image in Image.objects.iterator() if not image.renditions_ready]
        if check:
            self.stdout.write(f"{len(stale)} image(s) need renditions.")
            return
        files, failed = 0, 0
        for image in stale:
            try:
                files += image.make_renditions()
            except OSError as error:  # a missing or unreadable original: report, carry on
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
        if failed:
            raise CommandError(f"{failed} of {len(stale)} image(s) could not be rendered.")
        done = f"Renditions ready for {len(stale)} image(s): {files} file(s) written."
        self.stdout.write(self.style.SUCCESS(done))
