"""Long imports as background jobs: `import_wordpress EXPORT --queue` (docs/wordpress-import.md).

The export and media folder must be readable by the worker at the same paths (the same machine,
or a shared volume). An import is safe to run again (it updates in place), so a retried job
finishes what a failed one started.
"""

from django.tasks import task

from articles.models import Section
from importers.wordpress.importer import WordPressImport
from importers.wordpress.taxonomy import Taxonomy

WARNINGS_KEPT = 100  # in the job's result; the full list is in the worker's log


@task
def import_wordpress_export(
    export: str,
    media_dir: str | None,
    default_section: str | None,
    create_users: bool,
    as_new_source: bool = False,
    category_roles: dict[str, str] | None = None,
    categories_as_tags: bool = False,
    menus: dict[str, str] | None = None,
) -> dict:
    """Run the import; return its summary (counts per kind, failures, the first warnings)."""
    section = Section.objects.get(slug=default_section) if default_section else None
    report = WordPressImport(
        export,
        media_dir=media_dir,
        default_section=section,
        create_users=create_users,
        as_new_source=as_new_source,
        taxonomy=Taxonomy(category_roles or {}, categories_as_tags=categories_as_tags),
        menus=menus,
    ).run()
    return {
        "items_in_file": report.items_in_file,
        "failed": report.failed,
        "by_kind": report.by_kind(),
        "missing_media": len(report.missing_media),
        "warnings": report.warnings[:WARNINGS_KEPT],
    }
