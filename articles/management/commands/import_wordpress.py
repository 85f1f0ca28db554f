"""`manage.py import_wordpress EXPORT.xml`: move a WordPress site's content into Newsroom.

Exit codes: 0 done (warnings may be listed), 1 the file or an option is unusable (nothing
written), 2 some posts failed and were skipped (the rest is imported).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importers.wordpress import Report, WordPressImport
from articles.importers.wxr import WXRError
from articles.models import Section

SUMMARY_ORDER = ["posts", "authors", "users", "sections", "tags", "redirects", "sticky posts"]


class Command(BaseCommand):
    help = "Import a WordPress export (WXR 1.0–1.2). Safe to run again: it updates in place."

    def add_arguments(self, parser) -> None:
        parser.add_argument("export", type=Path, help="The WXR file (Tools › Export in WordPress)")
        parser.add_argument(
            "--media-dir",
            type=Path,
            metavar="DIR",
            help="A copy of wp-content/uploads (or a folder holding wp-content/uploads)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing"
        )
        parser.add_argument(
            "--default-section",
            metavar="SLUG",
            help="Section for posts without a category (default: 'Uncategorized')",
        )
        parser.add_argument(
            "--create-users",
            action="store_true",
            help="Also create a login account (no password) for each WordPress author",
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["export"]
        if not path.is_file():
            problem = "a folder, not an export file" if path.is_dir() else "no such file"
            raise CommandError(f"{path}: {problem}", returncode=1)
        media_dir = options["media_dir"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder", returncode=1)
        default_section = None
        if options["default_section"]:
            default_section = Section.objects.filter(slug=options["default_section"]).first()
            if default_section is None:
                known = ", ".join(Section.objects.values_list("slug", flat=True)[:20]) or "none"
                raise CommandError(
                    f"--default-section {options['default_section']!r}: no section with that "
                    f"slug (existing: {known})",
                    returncode=1,
                )
        importer = WordPressImport(
            path,
            media_dir=media_dir,
            dry_run=options["dry_run"],
            default_section=default_section,
            create_users=options["create_users"],
            progress=self.progress_printer(),
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(f"{path}: {error}. Nothing was imported.", returncode=1) from None
        self.print_summary(report, options["dry_run"])
        if report.failed:
            raise CommandError(
                f"{report.failed} post(s) failed and were skipped; see the warnings above.",
                returncode=2,
            )

    def progress_printer(self):
        """A bar redrawn in place on a terminal; a line every tenth of the way otherwise."""
        stream = self.stderr._out
        tty = stream.isatty() if hasattr(stream, "isatty") else False

        def progress(done: int, total: int) -> None:
            if tty:
                width = 30
                filled = width * done // max(total, 1)
                bar = "#" * filled + "-" * (width - filled)
                stream.write(f"\r[{bar}] {done}/{total} posts")
                if done == total:
                    stream.write("\n")
                stream.flush()
            elif done == total or done % max(total // 10, 100) == 0:
                self.stderr.write(f"{done}/{total} posts processed")

        return progress

    def print_summary(self, report: Report, dry_run: bool) -> None:
        out = self.stdout.write
        out("Dry run: nothing was written. It would have done this:" if dry_run else "Summary:")
        out(f"  items in the file: {report.items_in_file}")
        order = {kind: n for n, kind in enumerate(SUMMARY_ORDER)}
        for kind, outcomes in sorted(report.counts.items(), key=lambda k: order.get(k[0], 99)):
            parts = ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items() if n)
            if parts:
                out(f"  {kind}: {parts}")
        if report.missing_media:
            out(f"Media files not found ({len(report.missing_media)}), original URLs recorded:")
            for url in report.missing_media:
                out(f"  {url}")
        if report.warnings:
            out(f"Warnings ({len(report.warnings)}):")
            for warning in report.warnings:
                out(f"  {warning}")
        if not report.failed:
            out(self.style.SUCCESS("Done." if not dry_run else "Dry run done."))
        sys.stdout.flush()
