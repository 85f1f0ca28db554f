"""The rows a post names: its section, author, tags, slug and lead image, found or created.

`mapping.plan` describes a post with names (a category's nicename, an author's login, tag
names); `Lookup` turns them into rows, creating what does not exist yet. What it finds is kept in
the run's `ImportState`, so a name costs a query once per run, and a rolled-back batch forgets
the rows it created along with the rest of the state.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from django.contrib.auth import get_user_model
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Section
from authors.models import Author
from core.slugs import slug_from, unique_slug
from importers.wordpress import archives, wxr
from importers.wordpress.content import plain_text
from importers.wordpress.mapping import label_of, thumbnail_id
from importers.wordpress.media import find_upload, is_image
from importers.wordpress.scan import Scan
from importers.wordpress.state import ImportState, Report
from importers.wordpress.taxonomy import Taxonomy

PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Characters a hand-edited export leaves around a login (`>mara`, `"mara"`).
STRAY_CREATOR_PUNCTUATION = " <>\"'`"
FALLBACK_SECTION = {"slug": "uncategorized", "name": "Uncategorized"}


@dataclass(frozen=True)
class LeadImage:
    """A featured image: its attachment's URL, alt and caption, and the local file (None when
    it is missing or unreadable)."""

    url: str
    alt: str
    caption: str
    path: Path | None


class Lookup:
    def __init__(
        self,
        state: ImportState,
        scan: Scan,
        *,
        media_dir: Path | None,
        default_section: Section | None,
        create_users: bool,
        taxonomy: "Taxonomy | None" = None,
    ):
        self.state = state
        self.scan = scan
        self.categories = {t.slug: t for t in scan.terms if t.taxonomy == "category"}
        self.media_dir = media_dir
        self.default_section = default_section
        self.create_users = create_users
        self.taxonomy = taxonomy or Taxonomy()

    @property
    def report(self) -> Report:
        return self.state.report  # not kept: `restore` replaces it

    def load_declared(self) -> None:
        """The authors, sections and tags the export declares, before any post."""
        for data in self.scan.authors:
            if data.login:
                author = self.state.authors[data.login] = self.save_author(data)
                archives.record(self.state, archives.author_path(data.login), "author", author.slug)
        # Tags by lower-cased slug, then name: "Budget" and "budget" are one tag.
        for tag in Tag.objects.all():
            self.state.tags.setdefault(tag.slug.lower(), tag)
            self.state.tags.setdefault(f"name:{tag.name.lower()}", tag)
        # Sections are made when a post needs one: a category without posts becomes nothing.

    # -- authors -------------------------------------------------------------------------

    def author(self, login: str) -> Author | None:
        if not login:
            return None
        if login not in self.state.authors:
            self.state.authors[login] = self.undeclared_author(login)
        return self.state.authors[login]

    def undeclared_author(self, creator: str) -> Author:
        """The author of a `dc:creator` the export does not declare. It never renames anyone:
        a stray `>mara` once renamed the real Mara, whose login slugifies the same. Stray
        punctuation around a declared login is read as that login; any other name becomes an
        author of its own (found by name on a re-run), with a warning either way."""
        cleaned = creator.strip(STRAY_CREATOR_PUNCTUATION)
        if cleaned != creator and cleaned in self.state.authors:
            self.report.warn(
                f"author {creator!r} is not declared in the export; credited to the declared "
                f"author {cleaned!r}"
            )
            return self.state.authors[cleaned]
        name = plain_text(cleaned or creator)[:120] or "Unknown author"
        author = Author.objects.filter(name=name).order_by("pk").first()
        if author is None:
            slug = unique_slug(Author.objects.all(), name, 140, "author")
            author = Author.objects.create(name=name, slug=slug)
            self.report.count("authors", "created")
        self.report.warn(
            f"author {creator!r} is not declared in the export; credited to the author "
            f"{author.name!r} (slug {author.slug!r}); no existing author was renamed"
        )
        return author

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

    # -- sections and tags ---------------------------------------------------------------

    def section_and_tags(
        self, categories: tuple[tuple[str, str], ...], tags: tuple[tuple[str, str], ...]
    ) -> tuple[Section, list[Tag]]:
        """A post's section and tags, its categories sorted as the taxonomy options say.

        The section is that of its first category that is one (by default every category with
        posts is); categories mapped to "tag" become tags, and the others become tags only
        with `--categories-as-tags`; "drop" drops a category. No category: the default section.
        """
        section = None
        extra: list[tuple[str, str]] = []
        for nicename, name in categories:
            role = self.taxonomy.role(nicename)
            if role == "section" and section is None:
                section = self.section_for(nicename, name)
            elif role == "tag" or (role == "section" and self.taxonomy.categories_as_tags):
                extra.append((nicename, plain_text(name or nicename)[:100]))
            if role == "tag" and (tag := self.tag(nicename, name or nicename)):
                term = self.categories.get(nicename) or wxr.Term("category", nicename, name)
                path = archives.category_path([*reversed(self.ancestors(nicename, term)), nicename])
                archives.record(self.state, path, "tag", tag.slug)
        if section is None:
            section = self.fallback_section()
        found = {tag.pk: tag for tag in (self.tag(*pair) for pair in (*tags, *extra)) if tag}
        return section, list(found.values())

    def section_for(self, nicename: str, name: str = "") -> Section:
        """The section of a category, created once; deeper levels hang off the top one."""
        slug = slugify(unquote(nicename), allow_unicode=True)[:80] or "category"
        if slug in self.state.sections:
            return self.state.sections[slug]
        term = self.categories.get(nicename) or wxr.Term("category", nicename, name)
        ancestors = self.ancestors(nicename, term)
        parent = self.section_for(ancestors[-1]) if ancestors else None
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
        self.state.sections[slug] = section
        path = archives.category_path([*reversed(ancestors), nicename])
        archives.record(self.state, path, "section", section.slug)
        return section

    def ancestors(self, nicename: str, term: wxr.Term) -> list[str]:
        """The nicenames above a category, nearest first (a loop in the export stops it)."""
        ancestors, seen = [], {nicename}
        parent_slug = term.parent
        while parent_slug and parent_slug in self.categories and parent_slug not in seen:
            seen.add(parent_slug)
            ancestors.append(parent_slug)
            parent_slug = self.categories[parent_slug].parent
        return ancestors

    def fallback_section(self) -> Section:
        if self.default_section is not None:
            return self.default_section
        if FALLBACK_SECTION["slug"] not in self.state.sections:
            self.report.warn(
                "posts without a category went to section 'Uncategorized' "
                "(use --default-section to choose one)"
            )
            section, created = Section.objects.get_or_create(
                slug=FALLBACK_SECTION["slug"], defaults={"name": FALLBACK_SECTION["name"]}
            )
            self.report.count("sections", "created" if created else "matched existing")
            self.state.sections[section.slug] = section
        return self.state.sections[FALLBACK_SECTION["slug"]]

    def tag(self, slug: str, name: str) -> Tag | None:
        """The tag of a WordPress (slug, name), matched case-insensitively by slug, then by
        name; created with WordPress's slug when it is free."""
        name = name[:100]
        if not PLAIN_SLUG.fullmatch(slug):  # most WordPress slugs are already plain
            slug = slugify(unquote(slug), allow_unicode=True) or slug_from(name)
        slug = slug[:100]
        if not name or not slug:
            return None
        tag = self.state.tags.get(slug.lower()) or self.state.tags.get(f"name:{name.lower()}")
        if tag is None:
            taken = Tag.objects.filter(slug__iexact=slug).exists()
            tag = Tag.objects.create(
                name=name, slug=unique_slug(Tag.objects.all(), name, 100, "tag") if taken else slug
            )
            self.report.count("tags", "created")
        self.state.tags.setdefault(slug.lower(), tag)
        self.state.tags.setdefault(f"name:{name.lower()}", tag)
        archives.record(self.state, archives.tag_path(slug), "tag", tag.slug)
        return tag

    # -- slugs and images ----------------------------------------------------------------

    def slug(self, current: str, base: str) -> str:
        """The WordPress slug when there is one, made unique among articles; an article keeps
        the slug an earlier run derived from the same base."""
        suffix = current.removeprefix(f"{base}-")
        if current == base or (suffix != current and suffix.isdigit()):
            return current
        candidate, n = base, 1
        while self.state.slugs[candidate]:
            n += 1
            candidate = f"{base}-{n}"
        if current:
            self.state.slugs[current] -= 1
        self.state.slugs[candidate] += 1
        return candidate

    def lead_image(self, item: wxr.Item) -> LeadImage | None:
        """The post's featured image, with its file from the media folder when it is there."""
        attachment_id = thumbnail_id(item)
        if attachment_id is None:
            return None
        attachment = self.scan.attachments.get(attachment_id)
        if attachment is None:
            self.report.warn(
                f"{label_of(item)}: featured image {attachment_id} is not in the export"
            )
            return None
        self.state.used_attachments.add(attachment_id)
        path = find_upload(self.media_dir, attachment.url)
        if path is None:
            self.report.media_missing(attachment.url, label_of(item))
        elif not is_image(path):
            self.report.warn(f"{label_of(item)}: {path} is not a readable image; left out")
            self.report.media_missing(attachment.url, label_of(item))
            path = None
        return LeadImage(attachment.url, attachment.alt, attachment.caption, path)
