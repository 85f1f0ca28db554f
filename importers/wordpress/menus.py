"""WordPress menus (`nav_menu_item` items) as the site's header and footer menus.

A WXR file does not say which theme location a menu had, so the editor chooses with
`--menus header=SLUG,footer=SLUG`; without it a menu whose slug or name says primary, main,
header, top or navigation goes to the header, one that says footer to the footer, and a lone
menu to the header. Menus not placed are reported, item by item.

Links are mapped to what the import made: pages (`WordPressPageSource`), articles
(`WordPressSource`, public ones only), sections and tags (per the run's taxonomy), and custom
URLs pointing at the old site to their new paths. Menus editors made are never touched: an
import adds to a menu only when it is empty or holds only links an earlier import of the same
blog made, and each imported link remembers its WordPress item (`WordPressMenuItemSource`), so
a re-run writes nothing and a link an editor deleted stays deleted.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Section, WordPressSource
from core.reversing import cached_reverse
from importers.models import WordPressMenuItemSource, WordPressPageSource
from importers.wordpress.content import plain_text
from importers.wordpress.links import new_url, old_hosts
from importers.wordpress.mapping import label_of
from importers.wordpress.navigation import is_link
from importers.wordpress.scan import Scan
from importers.wordpress.state import ImportState
from importers.wordpress.taxonomy import Taxonomy
from importers.wordpress.wxr import Item, WXRError
from pages.models import MenuItem, Page, validate_link

MENU_FORMAT = 1
LOCATIONS = {"header": MenuItem.Menu.HEADER, "footer": MenuItem.Menu.FOOTER}
HEADER_WORDS = {"primary", "main", "header", "top", "navigation", "nav"}
FOOTER_WORDS = {"footer", "bottom"}
MAX_POSITION = 32767


class MenuChoiceError(WXRError):
    """`--menus` names a menu the export does not have, or is not `header=SLUG,footer=SLUG`."""


def parse_menus_option(text: str) -> dict[str, str]:
    """`header=main,footer=links` → {"header": "main", "footer": "links"} (ValueError)."""
    chosen: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        location, _, slug = part.partition("=")
        location, slug = location.strip().lower(), slug.strip()
        if location not in LOCATIONS or not slug:
            raise ValueError(f"{part!r}: write header=SLUG and/or footer=SLUG, comma-separated")
        if location in chosen:
            raise ValueError(f"{location} is given twice")
        chosen[location] = slug
    if len(set(chosen.values())) < len(chosen):
        raise ValueError("one WordPress menu cannot be both the header and the footer")
    return chosen


def placement(
    menus: dict[str, str], chosen: dict[str, str] | None, navigations: dict[str, str] | None = None
) -> dict[str, str]:
    """WordPress menu slug → Newsroom menu, from `--menus` or guessed from slugs and names.

    Classic menus are guessed first: an export of a site that moved to a block theme keeps
    both, and a navigation post only takes a place no classic menu took."""
    every = {**menus, **(navigations or {})}
    if chosen:
        unknown = [slug for slug in chosen.values() if slug not in every]
        if unknown:
            known = ", ".join(every) or "none"
            raise MenuChoiceError(
                f"--menus names {unknown[0]!r}, which is not a menu of this export "
                f"(its menus: {known})"
            )
        return {slug: LOCATIONS[location] for location, slug in chosen.items()}
    placed: dict[str, str] = {}
    for slug, name in every.items():
        words = set(re.split(r"[^a-z0-9]+", f"{slug} {name}".lower()))
        for location, hints in (("footer", FOOTER_WORDS), ("header", HEADER_WORDS)):
            if words & hints and LOCATIONS[location] not in placed.values():
                placed[slug] = LOCATIONS[location]
                break
    if len(every) == 1 and not placed:
        placed[next(iter(every))] = MenuItem.Menu.HEADER
    return placed


def menu_of(item: Item) -> tuple[str, str] | None:
    """(slug, name) of the WordPress menu a menu item is in."""
    for domain, slug, name in item.categories:
        if domain == "nav_menu" and slug:
            return slug, plain_text(name) or slug
    return None


def meta(item: Item, key: str) -> str:
    return next(iter(item.meta_values(key)), "").strip()


def meta_number(item: Item, key: str) -> int:
    value = meta(item, key)
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else 0


@dataclass(frozen=True)
class Target:
    """What a menu link points at: exactly one of page, section, url."""

    label: str
    page: Page | None = None
    section: Section | None = None
    url: str = ""

    def key(self) -> list:
        return [self.label, self.page and self.page.pk, self.section and self.section.pk, self.url]


class Skip(Exception):
    """The item cannot become a link; the message says why."""


class MenuImport:
    def __init__(
        self,
        state: ImportState,
        scan: Scan,
        taxonomy: Taxonomy,
        chosen: dict[str, str] | None,
    ):
        self.state = state
        self.site_url = scan.site_url
        self.menus = {**scan.menus, **scan.navigations}
        self.placed = placement(scan.menus, chosen, scan.navigations)
        self.taxonomy = taxonomy
        self.hosts = old_hosts(*scan.addresses)
        self.terms = {(t.taxonomy, t.term_id): t for t in scan.terms if t.term_id}
        rows = WordPressMenuItemSource.objects.filter(site_url=self.site_url)
        self.sources = {s.wp_post_id: s for s in rows.select_related("menu_item")}

    @property
    def report(self):
        return self.state.report  # not kept: `restore` replaces it

    def run(self, items: list[Item]) -> None:
        grouped: dict[str, list[Item]] = {}
        for item in items:
            menu = menu_of(item)
            if menu is None:
                self.outcome(item, "skipped", "in no menu")
            else:
                grouped.setdefault(menu[0], []).append(item)
        for slug, menu_items in grouped.items():
            name = self.menus.get(slug, slug)
            location = self.placed.get(slug)
            if location is None:
                reason = f"menu {name!r} was not placed (--menus header={slug} or footer={slug})"
                self.report.count("menus", "not placed")
                self.report.warn(f"{reason}: its {len(menu_items)} item(s) were not imported")
            elif not self.may_fill(location):
                reason = f"the {location} menu has links made in Newsroom; left as it is"
                self.report.count("menus", "left alone (edited in Newsroom)")
                self.report.warn(f"menu {name!r}: {reason}")
            else:
                self.report.count("menus", f"placed in the {location}")
                self.fill(location, slug, menu_items)
                continue
            for item in menu_items:
                self.outcome(item, "skipped", reason)
        self.state.redirects.flush()

    def outcome(self, item: Item, outcome: str, note: str = "") -> None:
        self.report.count("navigation links" if is_link(item.post_id) else "menu items", outcome)
        self.report.menu_item_outcomes[item.post_id] = (outcome, note)

    def may_fill(self, location: str) -> bool:
        """Empty, or holding only links an earlier import of this blog made."""
        items = MenuItem.objects.filter(menu=location)
        ours = items.filter(wordpress_source__site_url=self.site_url)
        return items.count() == ours.count()

    def fill(self, location: str, wp_menu: str, items: list[Item]) -> None:
        by_id = {item.post_id: item for item in items}

        def depth(item: Item) -> int:
            n, seen, parent = 0, {item.post_id}, meta_number(item, "_menu_item_menu_item_parent")
            while parent in by_id and parent not in seen:
                seen.add(parent)
                n, parent = n + 1, meta_number(by_id[parent], "_menu_item_menu_item_parent")
            return n

        made: dict[int, MenuItem] = {}
        for item in sorted(items, key=lambda i: (depth(i), i.menu_order, i.post_id)):
            before = self.state.snapshot()
            try:
                with transaction.atomic():
                    outcome, note = self.import_one(location, wp_menu, item, by_id, made)
            except Skip as reason:
                self.state.restore(before)
                outcome, note = "skipped", ""  # the warning, in the report's notes, says why
                self.report.warn(f"{label_of(item)}: menu item skipped: {reason}")
            except Exception as error:  # one bad item must never stop the run
                self.state.restore(before)
                outcome, note = "failed", ""
                self.report.failed += 1
                self.report.warn(
                    f"{label_of(item)} failed and was skipped: {type(error).__name__}: {error}"
                )
            self.outcome(item, outcome, note)

    def import_one(self, location, wp_menu, item, by_id, made) -> tuple[str, str]:
        source = self.sources.get(item.post_id)
        if source is not None and source.menu_item is None:
            return "skipped", "deleted in Newsroom; not brought back"
        target = self.target(item)
        parent = self.parent(location, item, by_id, made)
        position = min(max(item.menu_order, 0), MAX_POSITION)
        stamp = hashlib.sha256(
            json.dumps(
                [MENU_FORMAT, location, position, parent and parent.pk, *target.key()]
            ).encode()
        ).hexdigest()
        if source is not None and source.source_hash == stamp:
            made[item.post_id] = source.menu_item
            return "unchanged", ""
        created = source is None
        menu_item = source.menu_item if source else MenuItem()
        menu_item.menu, menu_item.parent, menu_item.position = location, parent, position
        menu_item.label, menu_item.url = target.label, target.url
        menu_item.page, menu_item.section = target.page, target.section
        menu_item.save()
        if source is None:
            source = WordPressMenuItemSource(site_url=self.site_url, wp_post_id=item.post_id)
        source.menu_item, source.wp_menu, source.source_hash = menu_item, wp_menu, stamp
        source.save()
        self.sources[item.post_id] = source
        made[item.post_id] = menu_item
        return ("created" if created else "updated"), ""

    def parent(self, location, item, by_id, made) -> MenuItem | None:
        """The top-level item it hangs under: the header has one level of sub-items, the
        footer none."""
        wp_parent = meta_number(item, "_menu_item_menu_item_parent")
        if not wp_parent:
            return None
        label = label_of(item)
        if location != MenuItem.Menu.HEADER:
            self.report.warn(f"{label}: the footer menu has no sub-items; listed at the top")
            return None
        parent = made.get(wp_parent)
        if parent is None:
            self.report.warn(f"{label}: its parent menu item {wp_parent} was not imported")
            return None
        if parent.parent_id:
            self.report.warn(f"{label}: menus nest one level; it sits under {parent.parent}")
            return parent.parent
        return parent

    # -- what a link points at -----------------------------------------------------------

    def target(self, item: Item) -> Target:
        kind, obj = meta(item, "_menu_item_type"), meta(item, "_menu_item_object")
        obj_id = meta_number(item, "_menu_item_object_id")
        title = plain_text(item.title)[:80]
        if kind == "post_type" and obj == "page":
            return self.page_target(obj_id, title)
        if kind == "post_type" and obj == "post":
            return self.article_target(obj_id, title)
        if kind == "taxonomy" and obj in {"category", "post_tag"}:
            return self.term_target(obj, obj_id, title)
        if kind == "custom":
            return self.custom_target(meta(item, "_menu_item_url"), title)
        raise Skip(f"links to a WordPress {obj or kind or 'object'!s}, which has no page here")

    def page_target(self, wp_id: int, title: str) -> Target:
        source = WordPressPageSource.objects.filter(site_url=self.site_url, wp_post_id=wp_id)
        page = Page.objects.filter(wordpress_source__in=source).first()
        if page is None:
            raise Skip(f"its page {wp_id} was not imported")
        return Target(title, page=page)

    def article_target(self, wp_id: int, title: str) -> Target:
        source = WordPressSource.objects.filter(site_url=self.site_url, wp_post_id=wp_id)
        article = Article.objects.published().filter(wordpress_source__in=source).first()
        if article is None:
            raise Skip(f"its post {wp_id} was not imported or is not public")
        return Target(title or article.headline[:80], url=article.get_absolute_url())

    def term_target(self, taxonomy: str, term_id: int, title: str) -> Target:
        term = self.terms.get((taxonomy, term_id))
        if term is None:
            raise Skip(f"its {taxonomy} {term_id} is not declared in the export")
        slug = slugify(unquote(term.slug), allow_unicode=True)
        role = self.taxonomy.role(term.slug) if taxonomy == "category" else "tag"
        if role == "section":
            section = Section.objects.filter(slug=slug[:80]).first()
            if section is None:
                raise Skip(f"category {term.slug!r} has no section (no imported post is in it)")
            return Target(title, section=section)
        tag = Tag.objects.filter(slug__iexact=slug[:100]).first() if role == "tag" else None
        if tag is None:
            raise Skip(f"{taxonomy} {term.slug!r} has no tag or section here")
        return Target(title or tag.name[:80], url=cached_reverse("articles:tag", slug=tag.slug))

    def custom_target(self, url: str, title: str) -> Target:
        """An old-site address becomes its new path; any other address is kept."""
        parts = urlsplit(url)
        old_site = parts.netloc.lower() in self.hosts if parts.netloc else url.startswith("/")
        if old_site and parts.scheme in {"", "http", "https"}:
            path = self.new_path(unquote(parts.path) or "/", parts.query)
            if path is not None:
                fragment = f"#{parts.fragment}" if parts.fragment else ""
                return Target(title or path, url=path + fragment)
        try:
            validate_link(url)
        except ValidationError:
            raise Skip(f"its address {url!r} is not a link this site can show") from None
        return Target(title or url[:80], url=url)

    @staticmethod
    def new_path(path: str, query: str) -> str | None:
        return "/" if path == "/" and not query else new_url(path, query)
