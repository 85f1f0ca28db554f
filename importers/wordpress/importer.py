"""Import a WordPress (WXR) export: authors, categories, tags, posts, lead images, old URLs.

Two streaming passes over the file. The first only reads: it checks the whole file is
well-formed (so a broken file writes nothing), collects authors, terms and the attachments
that featured images point to, and counts every item. The second imports posts in batches of
COMMIT_EVERY, each batch written with one insert per table (`batch.write_posts`) in one
transaction. If anything in a batch fails, the batch is rolled back, the run's `ImportState`
restored to its snapshot, and its posts imported again one by one, each in its own savepoint:
a bad item is reported and skipped, never half-written, never half-remembered.

Each post is planned from its WXR item alone (`mapping.plan`), then the names in the plan are
turned into rows (`lookup.Lookup`).

Re-running is safe. Posts are matched on (site URL, WordPress post ID), then on GUID, via
`WordPressSource`; a fingerprint of the item decides whether anything changed, so a second
run over the same file writes nothing at all.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from itertools import batched
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles import curation
from articles.models import Article, Section, WordPressSource
from authors.models import Author
from core.uploads import discard_files_on_failure
from importers.wordpress import archives, navigation, wxr
from importers.wordpress.batch import PreparedPost, write_posts
from importers.wordpress.body_media import BodyMedia
from importers.wordpress.identity import check_same_blog, source_key
from importers.wordpress.links import old_hosts, rewrite_links
from importers.wordpress.lookup import LeadImage, Lookup
from importers.wordpress.mapping import ArticlePlan, label_of, plan
from importers.wordpress.media import attach_lead_image
from importers.wordpress.menus import MenuImport, placement
from importers.wordpress.navigation import LINK_IDS, NAVIGATION
from importers.wordpress.pages import PageImport
from importers.wordpress.redirects import ImportRedirects
from importers.wordpress.scan import scan
from importers.wordpress.state import ImportState, Report
from importers.wordpress.taxonomy import Taxonomy
from redirects.models import Redirect

# Bump when the conversion changes, so that a re-run refreshes articles imported before.
IMPORT_FORMAT = 2
COMMIT_EVERY = 200
SKIPPED_STATUSES = {"trash": "in the WordPress trash", "auto-draft": "an empty auto-draft"}


class WordPressImport:
    def __init__(
        self,
        path: str | Path,
        *,
        media_dir: str | Path | None = None,
        dry_run: bool = False,
        default_section: Section | None = None,
        create_users: bool = False,
        as_new_source: bool = False,
        taxonomy: Taxonomy | None = None,
        progress: Callable[[int, int], None] | None = None,
        menus: dict[str, str] | None = None,
    ):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.dry_run = dry_run
        self.default_section = default_section
        self.create_users = create_users
        self.as_new_source = as_new_source
        self.taxonomy = taxonomy or Taxonomy()
        self.progress = progress or (lambda done, total: None)
        self.state = ImportState()
        self.written: list[int] = []  # articles this run wrote, for the links pass
        self.menus = menus  # --menus: {"header": WordPress menu slug, "footer": …}
        # Pages and menus are imported after the posts.
        self.aside: dict[str, list[wxr.Item]] = {"page": [], "nav_menu_item": [], NAVIGATION: []}

    @property
    def report(self) -> Report:
        return self.state.report  # not kept: `restore` replaces it

    # -- the run ------------------------------------------------------------------------

    def run(self) -> Report:
        """Import the file; raises `wxr.WXRError` before writing anything if it is broken."""
        self.scan = scan(self.path)
        self.scan.site_url = source_key(self.scan, as_new_source=self.as_new_source)
        check_same_blog(self.scan, self.scan.site_url)
        # A --menus naming no menu of the export is refused now, before anything is written.
        placement(self.scan.menus, self.menus, self.scan.navigations)
        self.report.items_in_file = sum(self.scan.item_types.values())
        self.lookup = Lookup(
            self.state,
            self.scan,
            media_dir=self.media_dir,
            default_section=self.default_section,
            create_users=self.create_users,
            taxonomy=self.taxonomy,
        )
        self.body_media = BodyMedia(self.state, self.scan, self.media_dir, dry_run=self.dry_run)
        with transaction.atomic() if self.dry_run else nullcontext():
            with transaction.atomic():
                self.state.redirects = ImportRedirects.from_table()
                self.lookup.load_declared()
                self.state.redirects.flush()  # the authors' archives
            self.load_existing()
            posts = (n for n in wxr.read(self.path) if self.is_post(n))
            done = 0
            # A commit per batch spares a disk sync per post.
            for batch in batched(posts, COMMIT_EVERY):
                with transaction.atomic():
                    self.import_batch(batch)
                for _ in batch:
                    done += 1
                    self.progress(done, self.scan.posts)
            with transaction.atomic():
                archives.record_dates(self.state)  # after the posts: their links come first
                self.state.redirects.flush()
            pages = PageImport(self.state, self.scan.site_url, self.body_media)
            pages.run(self.aside["page"])
            menus = MenuImport(self.state, self.scan, self.taxonomy, self.menus)
            navigation_links = self.navigation_links()
            menus.run(self.aside["nav_menu_item"] + navigation_links)
            self.account_for_navigation(navigation_links)
            with transaction.atomic():
                hosts = old_hosts(*self.scan.addresses)
                links = rewrite_links(self.written, hosts, pages.written)
            self.report.count("links to the old site", "rewritten", links.rewritten)
            self.report.count("links to the old site", "left (no new page)", links.unresolved)
            if self.dry_run:
                transaction.set_rollback(True)
        self.count_skipped_kinds()
        return self.report

    def is_post(self, node) -> bool:
        """Whether `node` is a post; pages and menu items are put aside, for after the posts."""
        if not isinstance(node, wxr.Item):
            return False
        if node.post_type in self.aside:
            self.aside[node.post_type].append(node)
        return node.post_type == "post"

    def navigation_links(self) -> list[wxr.Item]:
        """The links of the block-theme navigation posts, as menu items."""
        made = []
        for item in self.aside[NAVIGATION]:
            links, notes = navigation.links(item)
            for note in notes:
                self.report.warn(f"{label_of(item)}: {note}")
            made += links
        return made

    def account_for_navigation(self, links: list[wxr.Item]) -> None:
        """Each navigation post's outcome, from its links' (for the summary and --report)."""
        outcomes = self.report.menu_item_outcomes
        for item in self.aside[NAVIGATION]:
            mine = [link for link in links if (link.post_id - LINK_IDS) // 1000 == item.post_id]
            done = [link for link in mine if outcomes[link.post_id][0] not in {"skipped", "failed"}]
            if done:
                outcome, note = "imported", f"{len(done)} of {len(mine)} links in a menu"
            else:
                why = next((outcomes[link.post_id][1] for link in mine), "") or "no links"
                outcome, note = "skipped", why
            self.report.count("navigation menus", outcome)
            self.report.navigation_outcomes[item.post_id] = (outcome, note)

    def count_skipped_kinds(self) -> None:
        types = self.scan.item_types
        used = len(self.state.used_attachments)
        in_bodies = len(self.state.body_attachments - self.state.used_attachments)
        self.report.count("attachments", "used as lead images", used)
        self.report.count("attachments", "used in bodies", in_bodies)
        self.report.count("attachments", "not used", types["attachment"] - used - in_bodies)
        for post_type, n in sorted(types.items()):
            if post_type not in {"post", "attachment", *self.aside}:
                label = {"page": "pages", "nav_menu_item": "menu items"}.get(post_type, post_type)
                self.report.count(label, "skipped", n)
        if self.scan.comments:
            self.report.count("comments", "skipped", self.scan.comments)

    def load_existing(self) -> None:
        """Everything re-run matching needs, in memory, so unchanged posts cost no query."""
        # Read only: posts imported by this run are found by ID, in `state.sources_by_id`.
        self.sources_by_guid: dict[str, int] = {}
        rows = WordPressSource.objects.values_list("pk", "site_url", "wp_post_id", "guid")
        for pk, site_url, post_id, guid in rows.iterator():
            self.state.sources_by_id[(site_url, post_id)] = pk
            if guid:
                self.sources_by_guid[guid] = pk
        self.state.hashes = dict(WordPressSource.objects.values_list("pk", "source_hash"))
        self.state.slugs = Counter(Article.objects.values_list("slug", flat=True).iterator())
        self.body_media.load()

    # -- batches, and the post-by-post fallback ----------------------------------------

    def import_batch(self, items: tuple[wxr.Item, ...]) -> None:
        """The batch with one insert per table; if anything in it fails, the batch is rolled
        back and its posts imported one by one, so that only the bad one is skipped."""
        before = self.state.snapshot()
        try:
            with transaction.atomic(), discard_files_on_failure():
                self.import_posts(items)
        except Exception:
            self.state.restore(before)
            for item in items:
                self.import_post(item)

    def import_post(self, item: wxr.Item) -> None:
        """One post in its own savepoint: a failure is reported and leaves nothing behind."""
        before = self.state.snapshot()
        try:
            with transaction.atomic(), discard_files_on_failure():
                self.import_posts([item])
        except Exception as error:  # one bad item must never stop the run
            self.state.restore(before)
            self.report.failed += 1
            self.report.count("posts", "failed")
            self.report.post_outcomes[item.post_id] = "failed"
            self.report.warn(
                f"{label_of(item)} failed and was skipped: {type(error).__name__}: {error}"
            )

    def import_posts(self, items: list[wxr.Item] | tuple[wxr.Item, ...]) -> None:
        """Prepare each post, then write them all (`batch.write_posts`)."""
        outcomes, prepared = [], []
        for item in items:
            if item.status in SKIPPED_STATUSES:
                outcomes.append("skipped")
                self.report.warn(f"{label_of(item)} skipped: {SKIPPED_STATUSES[item.status]}")
            elif item.post_id <= 0:
                outcomes.append("failed")
                self.report.failed += 1
                self.report.warn(f"{label_of(item)} has no usable wp:post_id; skipped")
            elif post := self.prepare_post(item):
                outcomes.append(post.outcome)
                prepared.append(post)
            else:
                outcomes.append("unchanged")
        write_posts(prepared)
        self.written.extend(post.article.pk for post in prepared)
        for post in prepared:
            source = post.source
            self.state.sources_by_id[(source.site_url, source.wp_post_id)] = source.pk
            self.state.hashes[source.pk] = source.source_hash
            if post.plan.sticky and post.article.status == Article.Status.PUBLISHED:
                curation.feature(post.article)  # sticky in WordPress: featured on the home page
            self.record_redirects(post)
        self.state.redirects.flush()
        for item, outcome in zip(items, outcomes, strict=True):  # in file order
            self.report.count("posts", outcome)
            self.report.post_outcomes[item.post_id] = outcome

    # -- one post ------------------------------------------------------------------------

    def prepare_post(self, item: wxr.Item) -> PreparedPost | None:
        """The post's article and source row, ready to write; None when it is unchanged.
        Writes only what the post needs to exist first: a new section, tag or author, and
        its lead image."""
        source_pk = self.state.sources_by_id.get((self.scan.site_url, item.post_id))
        if source_pk is None and item.guid:
            source_pk = self.sources_by_guid.get(item.guid)
        lead = self.lookup.lead_image(item)
        fingerprint = self.fingerprint(item, lead)
        if item.sticky:
            self.report.count("sticky posts", "recorded")
        if source_pk is not None and self.state.hashes.get(source_pk) == fingerprint:
            return None  # unchanged; not even converted
        post_plan = plan(item)
        for warning in post_plan.warnings:
            self.report.warn(warning)
        if source_pk is None:
            article = Article()
            source = WordPressSource(site_url=self.scan.site_url, wp_post_id=item.post_id)
        else:
            source = WordPressSource.objects.select_related("article").get(pk=source_pk)
            article = source.article
        old_url = article.get_absolute_url() if article.pk else None
        author, tags = self.resolve(post_plan, article, source, lead, item)
        source.source_hash = fingerprint
        outcome = "created" if source_pk is None else "updated"
        return PreparedPost(item, post_plan, article, source, author, tags, old_url, outcome)

    def resolve(
        self,
        post_plan: ArticlePlan,
        article: Article,
        source: WordPressSource,
        lead: LeadImage | None,
        item: wxr.Item,
    ) -> tuple[Author | None, list[Tag]]:
        """Fill the article and its source row from the plan, the names in it turned into rows
        (found or created); return the byline's author and the tags, which `write_posts` links."""
        article.headline = post_plan.headline
        article.slug = self.lookup.slug(article.slug or "", post_plan.slug_base)
        article.standfirst, article.body = post_plan.standfirst, post_plan.body
        article.status, article.published_at = post_plan.status, post_plan.published_at
        article.section, tags = self.lookup.section_and_tags(post_plan.categories, post_plan.tags)
        file_changed = lead and (source.lead_image_url != lead.url or not article.lead_image)
        if file_changed and lead.path and not self.dry_run:
            attach_lead_image(article, lead.path, lead.alt, lead.caption)
            self.body_media.record(lead.url, None, image_pk=article.lead_image.pk)
        article.body = self.body_media.resolve(post_plan.body, item)  # after the lead's alt
        author = self.lookup.author(post_plan.author_login)
        source.guid, source.original_url = post_plan.guid, post_plan.original_url
        source.wp_status, source.import_note = post_plan.wp_status, post_plan.import_note
        source.sticky = post_plan.sticky
        source.lead_image_url = lead.url[:500] if lead else ""
        source.lead_image_missing = lead is not None and lead.path is None
        return author, tags

    def fingerprint(self, item: wxr.Item, lead: LeadImage | None) -> str:
        """What the import reads from an item: equal fingerprints mean nothing to do."""
        data = [
            IMPORT_FORMAT,
            item.title,
            item.content,
            item.excerpt,
            item.post_name,
            item.status,
            item.password != "",
            item.post_date_gmt,
            item.post_date,
            item.creator,
            item.categories,
            item.sticky,
            item.link,
            item.guid,
            item.meta_values("_wp_old_slug"),
            item.meta_values("footnotes"),
            lead and [lead.url, bool(lead.path), lead.alt, lead.caption],
            self.body_media.fingerprint(item),
            self.default_section.slug if self.default_section else "",
            self.taxonomy.fingerprint(),
        ]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()

    def record_redirects(self, post: PreparedPost) -> None:
        """Old WordPress redirects answer 301, but only to articles that are public: a scheduled
        post's are recorded now and answer once it is published (the fallback middleware
        checks)."""
        article, old_url = post.article, post.old_url
        new_url = article.get_absolute_url()
        public_in_wordpress = post.plan.wp_status in {"publish", "future"}
        if not public_in_wordpress or article.status != Article.Status.PUBLISHED:
            if old_url:  # no longer public: its redirects would lead to a 404 or leak a draft
                self.state.redirects.remove_to([new_url, old_url])
            return
        if old_url and old_url != new_url:
            self.state.redirects.add(old_url, new_url, source=Redirect.Source.AUTOMATIC)
        if post.plan.wp_status == "publish":  # a scheduled post's date is not given away
            self.state.archive_dates.add(timezone.localdate(article.published_at))
        for path in post.plan.old_paths:
            if post.outcome == "created" and path in self.state.redirects.sources:
                # Another blog imported beside this one, or an editor, took that path first.
                self.report.warn(
                    f"{label_of(post.item)}: old URL {path} already redirects elsewhere; "
                    "kept as it was"
                )
                self.report.count("redirects", "kept (path taken)")
                continue
            self.state.redirects.add(path, new_url)
            self.report.count("redirects", "recorded")
