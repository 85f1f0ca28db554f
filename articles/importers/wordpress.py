"""Import a WordPress (WXR) export: authors, categories, tags, posts, lead images, old URLs.

Two streaming passes over the file. The first only reads: it checks the whole file is
well-formed (so a broken file writes nothing), collects authors, terms and the attachments
that featured images point to, and counts every item. The second imports posts in batches of
COMMIT_EVERY, each batch written with one insert per table (`wpbatch`) in one transaction. If
anything in a batch fails, the batch is rolled back and its posts are imported again one by
one, each in its own savepoint: a bad item is reported and skipped, never half-written.

Re-running is safe. Posts are matched on (site URL, WordPress post ID), then on GUID, via
`WordPressSource`; a fingerprint of the item decides whether anything changed, so a second
run over the same file writes nothing at all.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from copy import copy
from dataclasses import dataclass, field
from itertools import batched
from pathlib import Path
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from articles import curation
from articles.models import Article, Section, WordPressSource
from authors.models import Author
from newsroom.uploads import discard_files_on_failure
from permalinks.models import Redirect

from . import wxr
from .wpbatch import PreparedPost, write_posts
from .wpcontent import convert, plain_text
from .wpmapping import categories_of, headline_for, old_paths, slug_base, status_for, tag_names_of
from .wpmedia import attach_lead_image, find_upload, is_image
from .wpredirects import ImportRedirects
from .wpscan import scan

# Bump when the conversion changes, so that a re-run refreshes articles imported before.
IMPORT_FORMAT = 1
COMMIT_EVERY = 200
FALLBACK_SECTION = {"slug": "uncategorized", "name": "Uncategorized"}
SKIPPED_STATUSES = {"trash": "in the WordPress trash", "auto-draft": "an empty auto-draft"}
# What a rolled-back write must restore: the in-memory indexes that preparing posts extends.
INDEXES = ("sections", "tags", "authors", "slugs", "sources_by_id", "hashes")


@dataclass
class Report:
    """Counts per kind and outcome, warnings, and the media files that were not found."""

    counts: dict[str, Counter] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    missing_media: list[str] = field(default_factory=list)
    items_in_file: int = 0
    failed: int = 0

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += n

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def mark(self) -> tuple:
        """Where the report stands, for `roll_back_to` when a batch is imported again."""
        counts = {kind: Counter(outcomes) for kind, outcomes in self.counts.items()}
        return counts, len(self.warnings), len(self.missing_media), self.failed

    def roll_back_to(self, mark: tuple) -> None:
        self.counts, warnings, missing_media, self.failed = mark
        del self.warnings[warnings:]
        del self.missing_media[missing_media:]


class WordPressImport:
    def __init__(
        self,
        path: str | Path,
        *,
        media_dir: str | Path | None = None,
        dry_run: bool = False,
        default_section: Section | None = None,
        create_users: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.dry_run = dry_run
        self.default_section = default_section
        self.create_users = create_users
        self.progress = progress or (lambda done, total: None)
        self.report = Report()

    # -- the run ------------------------------------------------------------------------

    def run(self) -> Report:
        """Import the file; raises `wxr.WXRError` before writing anything if it is broken."""
        self.scan = scan(self.path)
        self.report.items_in_file = sum(self.scan.item_types.values())
        with transaction.atomic() if self.dry_run else nullcontext():
            with transaction.atomic():
                self.import_authors()
                self.import_terms()
            self.load_existing()
            posts = (
                n for n in wxr.read(self.path) if isinstance(n, wxr.Item) and n.post_type == "post"
            )
            done = 0
            # A commit per batch spares a disk sync per post.
            for batch in batched(posts, COMMIT_EVERY):
                with transaction.atomic():
                    self.import_batch(batch)
                for _ in batch:
                    done += 1
                    self.progress(done, self.scan.posts)
            if self.dry_run:
                transaction.set_rollback(True)
        self.count_skipped_kinds()
        return self.report

    def count_skipped_kinds(self) -> None:
        types = self.scan.item_types
        used = len(self.used_attachments)
        self.report.count("attachments", "used as lead images", used)
        self.report.count("attachments", "not used", types["attachment"] - used)
        for post_type, n in sorted(types.items()):
            if post_type not in {"post", "attachment"}:
                label = {"page": "pages", "nav_menu_item": "menu items"}.get(post_type, post_type)
                self.report.count(label, "skipped", n)
        if self.scan.comments:
            self.report.count("comments", "skipped", self.scan.comments)

    # -- authors, sections, tags ---------------------------------------------------------

    def import_authors(self) -> None:
        self.authors: dict[str, Author] = {}
        for data in self.scan.authors:
            if data.login:
                self.authors[data.login] = self.save_author(data)

    def save_author(self, data: wxr.Author) -> Author:
        full_name = f"{data.first_name} {data.last_name}".strip()
        name = (data.display_name or full_name or data.login)[:120]
        slug = slugify(data.login, allow_unicode=True)[:140] or slugify(name)[:140] or "author"
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            author = Author.objects.create(name=name, slug=slug)
            self.report.count("authors", "created")
        elif author.name != name:
            author.name = name
            author.save(update_fields=["name"])
            self.report.count("authors", "updated")
        else:
            self.report.count("authors", "unchanged")
        if self.create_users and author.user_id is None:
            self.link_user(author, data)
        return author

    def link_user(self, author: Author, data: wxr.Author) -> None:
        """A login account for the author (no usable password: they set one by reset)."""
        user_model = get_user_model()
        user = user_model.objects.filter(username=data.login).first()
        if user is None:
            user = user_model(
                username=data.login[:150],
                email=data.email,
                first_name=data.first_name[:150],
                last_name=data.last_name[:150],
            )
            user.set_unusable_password()
            user.save()
            self.report.count("users", "created")
        elif Author.objects.filter(user=user).exists():
            self.report.warn(f"user {data.login!r} already belongs to another author; not linked")
            return
        author.user = user
        author.save(update_fields=["user"])

    def author_for(self, login: str) -> Author | None:
        if not login:
            return None
        if login not in self.authors:
            self.report.warn(f"author {login!r} is not declared in the export; created from login")
            self.authors[login] = self.save_author(wxr.Author(login=login))
        return self.authors[login]

    def import_terms(self) -> None:
        self.categories = {t.slug: t for t in self.scan.terms if t.taxonomy == "category"}
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {tag.name: tag for tag in Tag.objects.all()}
        for slug in self.categories:
            self.section_for(slug)
        for term in self.scan.terms:
            if term.taxonomy == "post_tag" and term.name:
                self.tag_for(plain_text(term.name))

    def section_for(self, nicename: str, name: str = "") -> Section:
        """The section of a category, created once; deeper levels hang off the top one."""
        slug = slugify(unquote(nicename), allow_unicode=True)[:80] or "category"
        if slug in self.sections:
            return self.sections[slug]
        term = self.categories.get(nicename) or wxr.Term("category", nicename, name)
        parent = None
        ancestors, seen = [], {nicename}
        parent_slug = term.parent
        while parent_slug and parent_slug in self.categories and parent_slug not in seen:
            seen.add(parent_slug)
            ancestors.append(parent_slug)
            parent_slug = self.categories[parent_slug].parent
        if ancestors:
            parent = self.section_for(ancestors[-1])
            if len(ancestors) > 1:
                self.report.warn(
                    f"category {nicename!r} is nested {len(ancestors) + 1} levels deep; "
                    f"sections nest one level, so it sits directly under {parent.name!r}"
                )
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            section = Section.objects.create(
                slug=slug,
                name=plain_text(term.name)[:80] or slug,
                description=plain_text(term.description),
                parent=parent,
            )
            self.report.count("sections", "created")
        else:
            self.report.count("sections", "matched existing")
        self.sections[slug] = section
        return section

    def tag_for(self, name: str) -> Tag | None:
        name = name[:100]
        if not name:
            return None
        if name not in self.tags:
            self.tags[name] = Tag.objects.create(name=name)
            self.report.count("tags", "created")
        return self.tags[name]

    def fallback_section(self) -> Section:
        if self.default_section is not None:
            return self.default_section
        if FALLBACK_SECTION["slug"] not in self.sections:
            self.report.warn(
                "posts without a category went to section 'Uncategorized' "
                "(use --default-section to choose one)"
            )
            section, created = Section.objects.get_or_create(
                slug=FALLBACK_SECTION["slug"], defaults={"name": FALLBACK_SECTION["name"]}
            )
            self.report.count("sections", "created" if created else "matched existing")
            self.sections[section.slug] = section
        return self.sections[FALLBACK_SECTION["slug"]]

    # -- posts ---------------------------------------------------------------------------

    def load_existing(self) -> None:
        """Everything re-run matching needs, in memory, so unchanged posts cost no query."""
        self.sources_by_id: dict[tuple[str, int], tuple[int, str]] = {}
        self.sources_by_guid: dict[str, tuple[int, str]] = {}
        rows = WordPressSource.objects.values_list("pk", "site_url", "wp_post_id", "guid")
        for pk, site_url, post_id, guid in rows.iterator():
            self.sources_by_id[(site_url, post_id)] = pk
            if guid:
                self.sources_by_guid[guid] = pk
        self.hashes = dict(WordPressSource.objects.values_list("pk", "source_hash"))
        self.slugs = Counter(Article.objects.values_list("slug", flat=True).iterator())
        self.used_attachments: set[int] = set()
        self.redirects = ImportRedirects()

    def import_batch(self, items: tuple[wxr.Item, ...]) -> None:
        """The batch with one insert per table; if anything in it fails, the batch is rolled
        back and its posts imported one by one, so that only the bad one is skipped."""
        indexes, report = self.indexes(), self.report.mark()
        try:
            with transaction.atomic(), discard_files_on_failure():
                self.import_posts(items)
        except Exception:
            self.restore(indexes)
            self.report.roll_back_to(report)
            for item in items:
                self.import_post(item)

    def import_post(self, item: wxr.Item) -> None:
        """One post in its own savepoint: a failure is reported and leaves nothing behind."""
        indexes = self.indexes()
        try:
            with transaction.atomic(), discard_files_on_failure():
                self.import_posts([item])
        except Exception as error:  # one bad item must never stop the run
            self.restore(indexes)
            self.report.failed += 1
            self.report.count("posts", "failed")
            label = f"post {item.post_id} (line {item.line})"
            self.report.warn(f"{label} failed and was skipped: {type(error).__name__}: {error}")

    def indexes(self) -> dict:
        return {name: copy(getattr(self, name)) for name in INDEXES} | {
            "redirects": self.redirects.state()
        }

    def restore(self, indexes: dict) -> None:
        """After a rollback: forget what the rolled-back posts added to the indexes."""
        for name in INDEXES:
            setattr(self, name, indexes[name])
        self.redirects.roll_back_to(indexes["redirects"])

    def import_posts(self, items: list[wxr.Item] | tuple[wxr.Item, ...]) -> None:
        """Prepare each post, then write them all (`wpbatch.write_posts`)."""
        outcomes, prepared = [], []
        for item in items:
            label = f"post {item.post_id} (line {item.line})"
            if item.status in SKIPPED_STATUSES:
                outcomes.append("skipped")
                self.report.warn(f"{label} skipped: {SKIPPED_STATUSES[item.status]}")
            elif item.post_id <= 0:
                outcomes.append("failed")
                self.report.failed += 1
                self.report.warn(f"{label} has no usable wp:post_id; skipped")
            elif post := self.prepare_post(item, label):
                outcomes.append(post.outcome)
                prepared.append(post)
            else:
                outcomes.append("unchanged")
        write_posts(prepared)
        for post in prepared:
            source = post.source
            self.sources_by_id[(source.site_url, source.wp_post_id)] = source.pk
            self.hashes[source.pk] = source.source_hash
            if post.item.sticky and post.article.status == Article.Status.PUBLISHED:
                curation.feature(post.article)  # sticky in WordPress: featured on the home page
            self.record_redirects(post.article, post.item, post.old_url)
        self.redirects.flush()
        for outcome in outcomes:  # in file order, as the summary lists them
            self.report.count("posts", outcome)

    def prepare_post(self, item: wxr.Item, label: str) -> PreparedPost | None:
        """The post's article and source row, ready to write; None when it is unchanged.
        Writes only what the post needs to exist first: a new section, tag or author, and
        its lead image."""
        source_pk = self.sources_by_id.get((self.scan.site_url, item.post_id))
        if source_pk is None and item.guid:
            source_pk = self.sources_by_guid.get(item.guid)
        lead = self.lead_image_for(item, label)
        fingerprint = self.fingerprint(item, lead)
        if item.sticky:
            self.report.count("sticky posts", "recorded")
        if source_pk is not None and self.hashes.get(source_pk) == fingerprint:
            return None  # unchanged

        if source_pk is None:
            article = Article()
            source = WordPressSource(site_url=self.scan.site_url, wp_post_id=item.post_id)
        else:
            source = WordPressSource.objects.select_related("article").get(pk=source_pk)
            article = source.article
        old_url = article.get_absolute_url() if article.pk else None

        article.headline, made_up = headline_for(item)
        if made_up:
            self.report.warn(f"{label} has no title; headline set to {article.headline!r}")
        self.set_slug(article, slug_base(item, article.headline))
        article.dek = plain_text(item.excerpt)
        converted = convert(item.content)
        for note in dict.fromkeys(converted.notes):
            self.report.warn(f"{label}: {note}")
        article.body = converted.html
        mapping = status_for(item)
        if mapping.warning:
            self.report.warn(f"{label}: {mapping.warning}")
        article.status, article.published_at = mapping.status, mapping.published_at
        categories = categories_of(item)
        article.section = (
            self.section_for(categories[0][0], categories[0][1])
            if categories
            else self.fallback_section()
        )
        file_changed = lead and (source.lead_image_url != lead["url"] or not article.lead_image)
        if file_changed and lead["path"] and not self.dry_run:
            attach_lead_image(article, lead["path"], lead["alt"], lead["caption"])
        author = self.author_for(item.creator)
        tags = {tag.pk: tag for tag in map(self.tag_for, tag_names_of(item)) if tag}

        source.guid = item.guid[:500]
        source.original_url = item.link[:500]
        source.wp_status = item.status[:20]
        source.import_note = mapping.note
        source.sticky = item.sticky
        source.lead_image_url = (lead or {}).get("url", "")[:500]
        source.lead_image_missing = bool(lead) and not lead["path"]
        source.source_hash = fingerprint
        outcome = "created" if source_pk is None else "updated"
        return PreparedPost(item, article, source, author, list(tags.values()), old_url, outcome)

    def fingerprint(self, item: wxr.Item, lead: dict | None) -> str:
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
            lead and [lead["url"], bool(lead["path"]), lead["alt"], lead["caption"]],
            self.default_section.slug if self.default_section else "",
        ]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()

    def set_slug(self, article: Article, base: str) -> None:
        """The WordPress slug when there is one, made unique among articles."""
        current = article.slug or ""
        suffix = current.removeprefix(f"{base}-")
        if current == base or (suffix != current and suffix.isdigit()):
            return  # already derived from this base on an earlier run
        candidate, n = base, 1
        while self.slugs[candidate]:
            n += 1
            candidate = f"{base}-{n}"
        if article.slug:
            self.slugs[article.slug] -= 1
        self.slugs[candidate] += 1
        article.slug = candidate

    # -- media and redirects -------------------------------------------------------------

    def lead_image_for(self, item: wxr.Item, label: str) -> dict | None:
        """The featured image: its URL, alt, caption and the local file (None when missing)."""
        thumbnail = next(iter(item.meta_values("_thumbnail_id")), "").strip()
        if not thumbnail.isdigit() or int(thumbnail) == 0:
            return None
        attachment = self.scan.attachments.get(int(thumbnail))
        if attachment is None:
            self.report.warn(f"{label}: featured image {thumbnail} is not in the export")
            return None
        self.used_attachments.add(int(thumbnail))
        path = find_upload(self.media_dir, attachment.url)
        if path is None:
            self.report.missing_media.append(attachment.url)
        elif not is_image(path):
            self.report.warn(f"{label}: {path} is not a readable image; left out")
            self.report.missing_media.append(attachment.url)
            path = None
        return {"path": path, **vars(attachment)}

    def record_redirects(self, article: Article, item: wxr.Item, old_url: str | None) -> None:
        """Old WordPress permalinks answer 301, but only to articles that are public."""
        new_url = article.get_absolute_url()
        if item.status != "publish" or article.status != Article.Status.PUBLISHED:
            if old_url:  # no longer public: its redirects would lead to a 404 or leak a draft
                self.redirects.remove_to([new_url, old_url])
            return
        if old_url and old_url != new_url:
            self.redirects.add(old_url, new_url, source=Redirect.Source.AUTOMATIC)
        for path in old_paths(item):
            self.redirects.add(path, new_url)
            self.report.count("redirects", "recorded")
