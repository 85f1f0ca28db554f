"""`manage.py import_wordpress EXPORT.xml`: move a WordPress site's content into Newsroom.

Exit codes: 0 done (warnings may be listed), 1 the file or an option is unusable (nothing
written), 2 some posts failed and were skipped (the rest is imported).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Section
from importers.tasks import import_wordpress_export
from importers.wordpress.importer import WordPressImport
from importers.wordpress.menus import parse_menus_option
from importers.wordpress.report_file import account_for, write
from importers.wordpress.state import Report
from importers.wordpress.taxonomy import CategoryMapError, Taxonomy, read_category_map
from importers.wordpress.wxr import WXRError

SUMMARY_ORDER = [
    "posts", "pages", "menus", "menu items", "navigation menus", "navigation links", "authors",
    "users", "sections", "tags", "redirects",
    "sticky posts",
]  # fmt: skip


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
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Check the options, then leave the import to a queue worker and return",
        )

        parser.add_argument(
            "--as-new-source",
            action="store_true",
            help="Import beside a different blog that was imported from the same address "
            "(the run refuses otherwise, rather than overwrite its posts)",
        )

        parser.add_argument(
            "--category-map",
            type=Path,
            metavar="FILE",
            help='JSON choosing per category nicename: "section", "tag" or "drop" '
            "(default: every category a post uses becomes a section)",
        )
        parser.add_argument(
            "--categories-as-tags",
            action="store_true",
            help="Also give each post its further categories as tags",
        )

        parser.add_argument(
            "--menus",
            metavar="header=SLUG,footer=SLUG",
            help="Which WordPress menus (by slug) become the header and footer menus "
            "(default: guessed from their names: primary/main/header/top, footer; a lone "
            "menu goes to the header)",
        )
        parser.add_argument(
            "--report",
            type=Path,
            metavar="FILE",
            help="Also write an account of every item (FILE.json and FILE.html): imported as "
            "what, at which URL, with which warnings, or skipped and why",
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
        try:
            roles = read_category_map(options["category_map"]) if options["category_map"] else {}
        except CategoryMapError as error:
            raise CommandError(f"--category-map: {error}", returncode=1) from None
        taxonomy = Taxonomy(roles, categories_as_tags=options["categories_as_tags"])
        try:
            menus = parse_menus_option(options["menus"]) if options["menus"] else None
        except ValueError as error:
            raise CommandError(f"--menus: {error}", returncode=1) from None
        if options["queue"]:
            self.queue(path, media_dir, options, taxonomy, menus)
            return
        importer = WordPressImport(
            path,
            media_dir=media_dir,
            dry_run=options["dry_run"],
            default_section=default_section,
            create_users=options["create_users"],
            as_new_source=options["as_new_source"],
            taxonomy=taxonomy,
            progress=self.progress_printer(),
            menus=menus,
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(f"{path}: {error}. Nothing was imported.", returncode=1) from None
        self.print_summary(report, options["dry_run"])
        if options["report"]:
            self.write_report(importer, path, options["report"])
        if report.failed:
            raise CommandError(
                f"{report.failed} post(s) failed and were skipped; see the warnings above.",
                returncode=2,
            )

    def write_report(self, importer: WordPressImport, path: Path, target: Path) -> None:
        if not target.parent.is_dir():
            raise CommandError(
                f"--report {target}: no folder {target.parent} (the import itself is done)",
                returncode=1,
            )
        account = account_for(path, importer.scan, importer.state)
        json_path, html_path = write(account, target)
        self.stdout.write(
            f"Report: {html_path} and {json_path} "
            f"({account.items_accounted} of {account.items_in_file} items accounted for)"
        )

    def queue(self, path: Path, media_dir: Path | None, options: dict, taxonomy, menus) -> None:
        if options["dry_run"]:
            raise CommandError(
                "--dry-run runs here and writes nothing: drop --queue.", returncode=1
            )
        if options["report"]:
            raise CommandError(
                "--report is written by the run itself: drop --queue to get it.", returncode=1
            )
        result = import_wordpress_export.enqueue(
            str(path.resolve()),
            str(media_dir.resolve()) if media_dir else None,
            options["default_section"],
            options["create_users"],
            options["as_new_source"],
            taxonomy.category_roles,
            taxonomy.categories_as_tags,
            menus,
        )
        self.stdout.write(
            f"Queued as job {result.id}: a worker imports {path}. Follow it in the admin "
            "(Task results); the summary is the job's result."
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
        for kind, outcomes in sorted(report.by_kind().items(), key=lambda k: order.get(k[0], 99)):
            parts = ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items() if n)
            if parts:
                out(f"  {kind}: {parts}")
        if report.missing_media:
            out(f"Media files not found ({len(report.missing_media)}), original URLs recorded:")
            for url, used_by in report.missing_media.items():
                shown = ", ".join(used_by[:5]) + (
                    f" and {len(used_by) - 5} more" if len(used_by) > 5 else ""
                )
                out(f"  {url} (used by {shown})")
        if report.warnings:
            out(f"Warnings ({len(report.warnings)}):")
            for warning in report.warnings:
                out(f"  {warning}")
        if not report.failed:
            out(self.style.SUCCESS("Done." if not dry_run else "Dry run done."))
        sys.stdout.flush()
