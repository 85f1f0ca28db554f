"""WordPress pages (`post_type` page) as Newsroom pages, their hierarchy kept.

Pages are few (tens, rarely a few hundred), so the importer keeps them aside while the posts
stream by and imports them after the last batch, parents first: WordPress may list a child
before its parent. A page is published only if it was public in WordPress (`publish`, no
password); anything else is a draft, with the reason in the report, and gets no redirect.

Newsroom pages nest `pages.models.MAX_DEPTH` deep; a deeper WordPress page hangs under its
ancestor at the deepest level allowed (warned). A page whose path belongs to the site itself
(`pages.reserved`) or to another page gets a free slug (`about-2`, warned) and its old path
answers 301 to the new one.
"""

import hashlib
import json
from dataclasses import dataclass
from urllib.parse import unquote

from django.db import transaction
from django.utils.text import Truncator, slugify

from core.uploads import discard_files_on_failure
from importers.models import WordPressPageSource
from importers.wordpress.body_media import BodyMedia
from importers.wordpress.content import convert, plain_text
from importers.wordpress.mapping import label_of, old_paths, status_for
from importers.wordpress.state import ImportState
from importers.wordpress.wxr import Item
from pages.models import MAX_DEPTH, Page
from pages.reserved import is_reserved
from redirects.recording import normalize_path

PAGE_FORMAT = 2  # bump when the conversion changes, so a re-run refreshes imported pages
SKIPPED_STATUSES = {"trash": "in the WordPress trash", "auto-draft": "an empty auto-draft"}
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title", "_aioseo_title")
SEO_DESCRIPTION_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description")


@dataclass(frozen=True)
class PagePlan:
    title: str
    slug_base: str
    body: str
    status: str
    note: str  # why it is a draft, when it is one
    seo_title: str
    seo_description: str
    warnings: tuple[str, ...]


def plan_page(item: Item) -> PagePlan:
    """What to write for a page, from its WXR item alone."""
    label = label_of(item)
    title = Truncator(plain_text(item.title)).chars(200)
    warnings = []
    if not title:
        title = f"Untitled page {item.post_id}"
        warnings.append(f"{label} has no title; titled {title!r}")
    converted = convert(item.content, next(iter(item.meta_values("footnotes")), ""))
    warnings += [f"{label}: {note}" for note in dict.fromkeys(converted.notes)]
    status, note = page_status(item)
    if note:
        reason = note.removesuffix(" kept as a draft.").rstrip(":. ")
        warnings.append(f"{label}: kept as a draft ({reason})")
    slug = slugify(unquote(item.post_name), allow_unicode=True)
    return PagePlan(
        title=title,
        slug_base=(slug or slugify(title, allow_unicode=True) or "page")[:90].strip("-"),
        body=converted.html,
        status=status,
        note=note[:300],
        seo_title=Truncator(_seo(item, SEO_TITLE_KEYS)).chars(70),
        seo_description=Truncator(
            _seo(item, SEO_DESCRIPTION_KEYS) or plain_text(item.excerpt)
        ).chars(300),
        warnings=tuple(warnings),
    )


def page_status(item: Item) -> tuple[str, str]:
    """(status, reason it is a draft). Only a public WordPress page is published: pages have
    no publication date, so even a scheduled one waits as a draft for an editor."""
    if item.status == "publish" and not item.password:
        return Page.Status.PUBLISHED, ""
    if item.status == "future":
        return Page.Status.DRAFT, "scheduled in WordPress; pages have no publication date"
    note = status_for(item).note or f"{item.status or 'no status'} in WordPress."
    return Page.Status.DRAFT, note


def _seo(item: Item, keys: tuple[str, ...]) -> str:
    """An SEO plugin's value, unless it holds the plugin's own placeholders (`%%title%%`)."""
    for key in keys:
        value = plain_text(next(iter(item.meta_values(key)), ""))
        if value and "%%" not in value and "#" not in value:
            return value
    return ""


def fingerprint(item: Item, media: list) -> str:
    """What the import reads from a page item, and what its media files were (`media`: found
    or not), so a re-run that finds a missing file updates the page."""
    data = [
        media,
        PAGE_FORMAT,
        item.title,
        item.content,
        item.excerpt,
        item.post_name,
        item.status,
        item.password != "",
        item.post_parent,
        item.link,
        item.guid,
        [item.meta_values(key) for key in (*SEO_TITLE_KEYS, *SEO_DESCRIPTION_KEYS)],
        item.meta_values("_wp_old_slug"),
        item.meta_values("footnotes"),
    ]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def parents_first(items: list[Item]) -> list[tuple[Item, list[int]]]:
    """Each page with its WordPress ancestors in the export (nearest first), parents before
    their children; a loop in the export stops the climb."""
    by_id = {item.post_id: item for item in items}
    chains = []
    for item in items:
        chain, seen, parent = [], {item.post_id}, item.post_parent
        while parent in by_id and parent not in seen:
            seen.add(parent)
            chain.append(parent)
            parent = by_id[parent].post_parent
        chains.append((item, chain))
    return sorted(chains, key=lambda pair: len(pair[1]))  # stable: file order within a level


class PageImport:
    """Import the pages of one run; `state` is the run's, so its report and redirects."""

    def __init__(self, state: ImportState, site_url: str, body_media: BodyMedia):
        self.state = state
        self.site_url = site_url
        self.body_media = body_media  # a page's pictures go to the library, like a post's
        self.written: list[int] = []  # pages created or updated, for the link rewriting
        rows = WordPressPageSource.objects.filter(site_url=site_url).select_related("page")
        self.sources = {source.wp_post_id: source for source in rows}
        self.paths = set(Page.objects.values_list("path", flat=True))
        self.pages: dict[int, Page] = {}  # WordPress ID → page, for its children
        self.depths: dict[int, int] = {}

    @property
    def report(self):
        return self.state.report  # not kept: `restore` replaces it

    def run(self, items: list[Item]) -> None:
        for item, chain in parents_first(items):
            outcome = self.import_one(item, chain)
            self.report.count("pages", outcome)
            self.report.page_outcomes[item.post_id] = outcome
        self.state.redirects.flush()

    def import_one(self, item: Item, chain: list[int]) -> str:
        label = label_of(item)
        if item.status in SKIPPED_STATUSES:
            self.report.warn(f"{label} skipped: {SKIPPED_STATUSES[item.status]}")
            return "skipped"
        if item.post_id <= 0:
            self.report.warn(f"{label} has no usable wp:post_id; skipped")
            return "failed"
        before = self.state.snapshot()
        try:
            with transaction.atomic(), discard_files_on_failure():
                return self.write(item, chain)
        except Exception as error:  # one bad page must never stop the run
            self.state.restore(before)
            self.report.failed += 1
            self.report.warn(f"{label} failed and was skipped: {type(error).__name__}: {error}")
            return "failed"

    def write(self, item: Item, chain: list[int]) -> str:
        source = self.sources.get(item.post_id)
        parent, parent_wp_id = self.parent_for(item, chain)
        self.depths[item.post_id] = self.depths[parent_wp_id] + 1 if parent else 1
        stamp = fingerprint(item, self.body_media.fingerprint(item))
        if source is not None and source.source_hash == stamp:
            self.pages[item.post_id] = source.page
            return "unchanged"
        page_plan = plan_page(item)
        for warning in page_plan.warnings:
            self.report.warn(warning)
        page = source.page if source else Page()
        old_url = page.get_absolute_url() if page.pk else None
        if old_url:
            self.paths.discard(page.path)
        page.parent = parent
        page.slug = self.free_slug(item, page, page_plan.slug_base, parent)
        page.title, page.status = page_plan.title, page_plan.status
        page.body = self.body_media.resolve(page_plan.body, item)
        page.seo_title, page.seo_description = page_plan.seo_title, page_plan.seo_description
        page.save()
        self.paths.add(page.path)
        if source is None:
            source = WordPressPageSource(page=page, site_url=self.site_url, wp_post_id=item.post_id)
        source.guid, source.original_url = item.guid[:500], item.link[:500]
        source.wp_status, source.import_note = item.status[:20], page_plan.note
        source.source_hash = stamp
        source.save()
        self.sources[item.post_id] = source
        self.pages[item.post_id] = page
        self.written.append(page.pk)
        self.record_redirects(item, page, old_url, created=old_url is None)
        return "updated" if old_url else "created"

    def parent_for(self, item: Item, chain: list[int]) -> tuple[Page | None, int]:
        """The page's parent and its WordPress ID: its WordPress parent's page, or the deepest
        ancestor allowed."""
        label = label_of(item)
        if not item.post_parent:
            return None, 0
        if not chain or chain[0] not in self.pages:
            self.report.warn(
                f"{label}: its parent page {item.post_parent} is not imported; "
                "it is a top-level page"
            )
            return None, 0
        parent_wp_id = chain[0]
        if self.depths[parent_wp_id] >= MAX_DEPTH:
            allowed = [wp for wp in chain if wp in self.pages and self.depths[wp] < MAX_DEPTH]
            parent_wp_id = allowed[0]
            self.report.warn(
                f"{label} is nested {len(chain) + 1} levels deep; pages nest {MAX_DEPTH} deep, "
                f"so it sits under {self.pages[parent_wp_id].title!r}"
            )
        return self.pages[parent_wp_id], parent_wp_id

    def free_slug(self, item: Item, page: Page, base: str, parent: Page | None) -> str:
        """`base`, or `base-2`… when the path is the site's own or another page's; a page
        keeps the free slug an earlier run gave it."""
        ours = page.slug == base or page.slug.removeprefix(f"{base}-").isdigit()
        if page.pk and ours and Page.path_for(page.slug, parent) not in self.paths:
            return page.slug
        candidate, n = base, 1
        while self.taken(candidate, parent):
            n += 1
            candidate = f"{base}-{n}"
        if candidate != base:
            reserved = parent is None and is_reserved(base)
            why = "belongs to the site itself" if reserved else "is another page's"
            self.report.warn(
                f"{label_of(item)}: /{Page.path_for(base, parent)}/ {why}; "
                f"imported at /{Page.path_for(candidate, parent)}/"
            )
        return candidate

    def taken(self, slug: str, parent: Page | None) -> bool:
        reserved = parent is None and is_reserved(slug)
        return reserved or Page.path_for(slug, parent) in self.paths

    def record_redirects(self, item: Item, page: Page, old_url: str | None, created: bool):
        """The old `<link>` path (and old slugs) → the page, only while it is public."""
        redirects = self.state.redirects
        new_url = page.get_absolute_url()
        if not page.is_public:
            if old_url:  # no longer public: its redirects would lead to a 404
                redirects.remove_to([new_url, old_url])
            return
        for path in old_paths(item):
            if normalize_path(path) == normalize_path(new_url):
                continue
            if created and normalize_path(path) in redirects.sources:
                self.report.warn(
                    f"{label_of(item)}: old URL {path} already redirects elsewhere; kept as it was"
                )
                self.report.count("redirects", "kept (path taken)")
                continue
            redirects.add(path, new_url)
            self.report.count("redirects", "recorded for pages")
