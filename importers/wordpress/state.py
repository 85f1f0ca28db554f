"""What an import run has learnt, in one object that a rolled-back batch restores whole.

When a batch fails, the database forgets its rows; the run's memory must forget them too, or a
later post would use a section that was never committed, skip a slug no article holds, or count
a post twice in the report. So everything the run learns while importing posts lives in
`ImportState`: `snapshot()` before a batch, `restore(snapshot)` after its rollback. Both copy
every field, so a field added here is undone with the rest.
"""

from collections import Counter
from copy import copy
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date

from taggit.models import Tag

from articles.models import Section
from authors.models import Author
from importers.wordpress.redirects import ImportRedirects


@dataclass
class Report:
    """Counts per kind and outcome, warnings, and the media files that were not found."""

    # (kind, outcome) → n; a flat counter, so that a snapshot copies it in one go.
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    # Original URL → the posts that use it, each file listed once however many posts use it.
    # Tuples, never changed in place, so that a snapshot's one-level copy keeps them apart.
    missing_media: dict[str, tuple[str, ...]] = field(default_factory=dict)
    items_in_file: int = 0
    post_outcomes: dict[int, str] = field(default_factory=dict)  # WordPress ID → outcome
    page_outcomes: dict[int, str] = field(default_factory=dict)
    menu_item_outcomes: dict[int, tuple[str, str]] = field(default_factory=dict)  # and why
    navigation_outcomes: dict[int, tuple[str, str]] = field(default_factory=dict)
    failed: int = 0

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind, outcome] += n

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def media_missing(self, url: str, used_by: str) -> None:
        """`url` was not found (or not readable); `used_by` names the post that needs it."""
        users = self.missing_media.get(url, ())
        if used_by not in users:
            self.missing_media[url] = (*users, used_by)

    def by_kind(self) -> dict[str, dict[str, int]]:
        """The counts per kind, kinds and outcomes in the order they were first counted."""
        grouped: dict[str, dict[str, int]] = {}
        for (kind, outcome), n in self.counts.items():
            grouped.setdefault(kind, {})[outcome] = n
        return grouped


@dataclass
class ImportState:
    """The rows the run found or created, by the names posts use, and what it reported."""

    report: Report = field(default_factory=Report)
    authors: dict[str, Author] = field(default_factory=dict)  # by WordPress login
    sections: dict[str, Section] = field(default_factory=dict)  # by slug
    tags: dict[str, Tag] = field(default_factory=dict)  # by lower-cased slug, and name
    slugs: Counter[str] = field(default_factory=Counter)  # article slugs in use
    # (site URL, WordPress post ID) → WordPressSource pk, and that row's fingerprint.
    sources_by_id: dict[tuple[str, int], int] = field(default_factory=dict)
    hashes: dict[int, str] = field(default_factory=dict)
    used_attachments: set[int] = field(default_factory=set)  # featured images, by post ID
    body_attachments: set[int] = field(default_factory=set)  # attachments shown in bodies
    media_images: dict[str, int] = field(default_factory=dict)  # media file → library image pk
    media_files: dict[str, str] = field(default_factory=dict)  # media file → stored video/audio URL
    uploads: set[str] = field(default_factory=set)  # upload paths with a WordPressUpload row
    redirects: ImportRedirects = field(default_factory=ImportRedirects)
    archive_paths: set[str] = field(default_factory=set)  # category/tag/author URLs recorded
    archive_dates: set[date] = field(default_factory=set)  # days public posts were published

    def snapshot(self) -> "ImportState":
        """A copy to hand to `restore`; nothing else holds it, so it never changes."""
        return _copied(self)

    def restore(self, snapshot: "ImportState") -> None:
        """Back to what the run knew at `snapshot`, in place (the lookups hold this object).
        The snapshot is copied again, so it can be restored more than once."""
        for state_field in fields(self):
            setattr(self, state_field.name, _copied(getattr(snapshot, state_field.name)))


def _copied(value):
    """Dataclasses field by field, containers one level deep. What containers hold (rows,
    strings, numbers) is shared: the import replaces those, it never changes them in place."""
    if is_dataclass(value):
        return replace(value, **{f.name: _copied(getattr(value, f.name)) for f in fields(value)})
    return copy(value)
