"""`--report FILE`: an account of every item of the export, as JSON and as an HTML page.

The summary printed at the end of a run gives counts; an editor checking a migration needs to
find one post, page or comment and see what became of it: imported as what, at which URL, with
which warnings, or skipped and why. After the run, one more streaming pass over the file lists
every item (posts, pages, attachments, menu items and any other post type), every comment, and
every declared category, tag and author, next to what the run did. The item totals add up to
the export's item count (checked, and said in the report).
"""

import html
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.text import Truncator, slugify

from articles.models import Section, WordPressSource
from core.reversing import cached_reverse
from importers.models import WordPressMenuItemSource, WordPressPageSource
from importers.wordpress import wxr
from importers.wordpress.content import plain_text
from importers.wordpress.mapping import label_of
from importers.wordpress.navigation import NAVIGATION
from importers.wordpress.scan import Scan
from importers.wordpress.state import ImportState

LABEL = re.compile(r"^post (-?\d+) \(line (\d+)\)")
IN_TITLE = re.compile(r" \(in “.*”\)$")  # the console's reminder of the title, shown beside
COMMENTS_NOT_IMPORTED = "comments are not imported; kept in this report"


@dataclass(frozen=True)
class Entry:
    kind: str  # post, page, attachment, menu item, comment, category, tag, author, …
    ref: str  # how to find it in WordPress: "post 12", "category news", "author mara"
    title: str
    outcome: str  # created, updated, unchanged, skipped, failed, used, not used, …
    url: str = ""  # where it is now on this site
    notes: tuple[str, ...] = ()


@dataclass
class Account:
    entries: list[Entry] = field(default_factory=list)
    items_in_file: int = 0

    def totals(self) -> dict[str, dict[str, int]]:
        counts = Counter((entry.kind, entry.outcome) for entry in self.entries)
        grouped: dict[str, dict[str, int]] = {}
        for (kind, outcome), n in sorted(counts.items()):
            grouped.setdefault(kind, {})[outcome] = n
        return grouped

    @property
    def items_accounted(self) -> int:
        return sum(1 for entry in self.entries if entry.kind not in DECLARED_KINDS)


DECLARED_KINDS = {"comment", "category", "tag", "author"}


def account_for(path: Path, scan: Scan, state: ImportState) -> Account:
    """Every item, comment and declared term of the export, with what the run did to it."""
    report = state.report
    notes = _notes_by_item(report.warnings)
    urls = _article_urls(scan.site_url)
    page_urls = {**_page_urls(scan.site_url), **_menu_item_urls(scan.site_url)}
    account = Account(items_in_file=report.items_in_file)
    for node in wxr.read(path):
        if isinstance(node, wxr.Item):
            account.entries.append(_item_entry(node, report, state, notes, urls, page_urls))
            account.entries.extend(_comment_entries(node))
    account.entries.extend(_declared_entries(scan, state))
    return account


def _notes_by_item(warnings: list[str]) -> dict[tuple[int, int], list[str]]:
    notes: dict[tuple[int, int], list[str]] = {}
    for warning in warnings:
        if match := LABEL.match(warning):
            key = (int(match[1]), int(match[2]))
            note = IN_TITLE.sub("", warning[match.end() :].lstrip(": "))
            notes.setdefault(key, []).append(note)
    return notes


def _article_urls(site_url: str) -> dict[int, tuple[str, str]]:
    """WordPress post ID → (the article's URL, the import note: why it is a draft, if it is)."""
    rows = WordPressSource.objects.filter(site_url=site_url).values_list(
        "wp_post_id", "article_id", "article__slug", "import_note"
    )
    return {
        post_id: (cached_reverse("articles:detail", pk=pk, slug=slug), note)
        for post_id, pk, slug, note in rows.iterator()
    }


def _page_urls(site_url: str) -> dict[int, str]:
    rows = WordPressPageSource.objects.filter(site_url=site_url).values_list(
        "wp_post_id", "page__path"
    )
    return {post_id: cached_reverse("pages:page", path=path) for post_id, path in rows}


def _menu_item_urls(site_url: str) -> dict[int, str]:
    rows = WordPressMenuItemSource.objects.filter(site_url=site_url, menu_item__isnull=False)
    return {
        source.wp_post_id: source.menu_item.href
        for source in rows.select_related("menu_item__page", "menu_item__section")
    }


def _item_entry(item: wxr.Item, report, state: ImportState, notes, urls, page_urls) -> Entry:
    title = plain_text(item.title) or "(no title)"
    kind = (item.post_type or "(no type)").replace("nav_menu_item", "menu item")
    own_notes = tuple(notes.get((item.post_id, item.line), ()))
    ref = label_of(item)
    if item.post_type == "post":
        outcome = report.post_outcomes.get(item.post_id, "skipped")
        url, note = urls.get(item.post_id, ("", ""))
        if outcome in {"skipped", "failed"}:
            url, note = "", ""
        return Entry("post", ref, title, outcome, url, (*own_notes, *filter(None, [note])))
    if item.post_type == "page":
        outcome = report.page_outcomes.get(item.post_id, "skipped")
        url = page_urls.get(item.post_id, "") if outcome not in {"skipped", "failed"} else ""
        return Entry("page", ref, title, outcome, url, own_notes)
    if item.post_type == "nav_menu_item":
        outcome, why = report.menu_item_outcomes.get(item.post_id, ("skipped", ""))
        url = page_urls.get(item.post_id, "") if outcome not in {"skipped", "failed"} else ""
        return Entry(kind, ref, title, outcome, url, (*own_notes, *filter(None, [why])))
    if item.post_type == NAVIGATION:
        outcome, why = report.navigation_outcomes.get(item.post_id, ("skipped", ""))
        return Entry("navigation", ref, title, outcome, "", (*own_notes, *filter(None, [why])))
    if item.post_type == "attachment":
        used = item.post_id in state.used_attachments
        missing = (item.attachment_url or item.guid) in report.missing_media
        in_body = item.post_id in state.body_attachments
        outcome = (
            "used as a lead image"
            if used
            else "used in a body"
            if in_body
            else "file not found"
            if missing
            else "not used"
        )
        extra = ("file not found in --media-dir",) if missing else ()
        return Entry("attachment", ref, title, outcome, "", (*own_notes, *extra))
    reason = f"post type {item.post_type!r} is not imported"
    return Entry(kind, ref, title, "skipped", "", (*own_notes, reason))


def _comment_entries(item: wxr.Item) -> list[Entry]:
    entries = []
    for comment in item.comment_list:
        kind = comment.kind or "comment"
        state = "approved" if comment.approved else "not approved"
        text = Truncator(plain_text(comment.text)).chars(200)
        entries.append(
            Entry(
                "comment",
                f"comment {comment.comment_id} on {label_of(item)}",
                f"{comment.author or 'anonymous'}, {comment.date}",
                "skipped",
                "",
                (f"{kind}, {state}: {text}", COMMENTS_NOT_IMPORTED),
            )
        )
    return entries


def _declared_entries(scan: Scan, state: ImportState) -> list[Entry]:
    entries = []
    for author in scan.authors:
        found = state.authors.get(author.login)
        url = cached_reverse("articles:author", slug=found.slug) if found else ""
        name = author.display_name or author.login
        entries.append(Entry("author", f"author {author.login}", name, "imported", url))
    slugs = [
        slugify(t.slug, allow_unicode=True)[:80] for t in scan.terms if t.taxonomy == "category"
    ]
    # A re-run converts only changed posts, so the sections may not be in the run's state.
    sections = {**Section.objects.in_bulk(slugs, field_name="slug"), **state.sections}
    for term in scan.terms:
        if term.taxonomy == "category":
            section = sections.get(slugify(term.slug, allow_unicode=True)[:80])
            if section is not None:
                url = cached_reverse("articles:section", slug=section.slug)
                entry = Entry("category", f"category {term.slug}", term.name, "section", url)
            else:
                entry = Entry(
                    "category", f"category {term.slug}", term.name, "no section", "",
                    ("no imported post is in it, or the category map made it a tag or drop",),
                )  # fmt: skip
            entries.append(entry)
        elif term.taxonomy == "post_tag":
            tag = state.tags.get(slugify(term.slug, allow_unicode=True).lower())
            url = cached_reverse("articles:tag", slug=tag.slug) if tag else ""
            outcome = "tag" if tag else "not used"
            entries.append(Entry("tag", f"tag {term.slug}", term.name, outcome, url))
    return entries


# Writing ----------------------------------------------------------------------------------


def write(account: Account, target: Path) -> tuple[Path, Path]:
    """`target` as `.json` and `.html` (whatever suffix it was given); the two paths."""
    base = target.with_suffix("") if target.suffix in {".json", ".html"} else target
    json_path, html_path = base.with_name(f"{base.name}.json"), base.with_name(f"{base.name}.html")
    data = {
        "items_in_file": account.items_in_file,
        "items_accounted_for": account.items_accounted,
        "totals": account.totals(),
        "entries": [asdict(entry) for entry in account.entries],
    }
    json_path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    html_path.write_text(_html(account), encoding="utf-8")
    return json_path, html_path


def _html(account: Account) -> str:
    e = html.escape
    check = (
        f"All {account.items_in_file} items of the file are accounted for."
        if account.items_accounted == account.items_in_file
        else f"{account.items_accounted} of {account.items_in_file} items are listed."
    )
    totals = "".join(
        f"<li><strong>{e(kind)}</strong>: "
        + ", ".join(f"{n} {e(outcome)}" for outcome, n in outcomes.items())
        + "</li>"
        for kind, outcomes in account.totals().items()
    )
    rows = "".join(
        f"<tr><td>{e(entry.kind)}</td><td>{e(entry.ref)}</td><td>{e(entry.title)}</td>"
        f"<td>{e(entry.outcome)}</td><td>"
        + (f'<a href="{e(entry.url)}">{e(entry.url)}</a>' if entry.url else "")
        + "</td><td>"
        + "<br>".join(e(note) for note in entry.notes)
        + "</td></tr>"
        for entry in account.entries
    )
    return f"""<!doctype html><html lang="en"><meta charset="utf-8">
<title>WordPress import report</title>
<style>body{{font:15px/1.4 system-ui,sans-serif;margin:2rem}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}}</style>
<h1>WordPress import report</h1><p>{e(check)}</p><ul>{totals}</ul>
<table><thead><tr><th>Kind</th><th>In WordPress</th><th>Title</th><th>Outcome</th>
<th>Now at</th><th>Notes</th></tr></thead><tbody>{rows}</tbody></table></html>
"""
