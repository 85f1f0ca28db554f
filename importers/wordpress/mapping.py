"""How WordPress values map onto Newsroom's: dates, statuses, headlines, categories, old URLs.

Pure functions of one WXR item, so every rule of the mapping can be read (and tested) here
without a database. `plan(item)` gathers them into what the importer writes; turning the names
it holds into rows is the importer's job (`lookup.Lookup`).
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles.models import Article
from importers.wordpress import navigation
from importers.wordpress.content import convert, plain_text
from importers.wordpress.wxr import Item


@dataclass(frozen=True)
class ArticlePlan:
    """One post as Newsroom will hold it, decided from the WXR item alone."""

    headline: str
    slug_base: str  # made unique among articles when written
    standfirst: str
    body: str
    status: str
    published_at: datetime | None
    categories: tuple[tuple[str, str], ...]  # (nicename, name), in the export's order
    author_login: str
    tags: tuple[tuple[str, str], ...]  # (WordPress slug, name) of its post tags
    old_paths: tuple[str, ...]  # WordPress URLs that answer 301 while the article is public
    # Kept on WordPressSource.
    guid: str
    original_url: str
    wp_status: str
    import_note: str
    sticky: bool
    warnings: tuple[str, ...]  # for the run's report, in the order they arise


def plan(item: Item) -> ArticlePlan:
    """What to write for a post: its text converted, its status mapped, the names of its
    section, author and tags, and the old URLs that should lead to it."""
    label = label_of(item)
    headline, made_up = headline_for(item)
    converted = convert(item.content, next(iter(item.meta_values("footnotes")), ""))
    mapping = status_for(item)
    warnings = [f"{label} has no title; headline set to {headline!r}"] if made_up else []
    titled = Truncator(headline).chars(60)
    warnings += [f"{label}: {note} (in “{titled}”)" for note in dict.fromkeys(converted.notes)]
    warnings += [f"{label}: {mapping.warning}"] if mapping.warning else []
    categories = categories_of(item)
    return ArticlePlan(
        headline=headline,
        slug_base=slug_base(item, headline),
        standfirst=plain_text(item.excerpt),
        body=converted.html,
        status=mapping.status,
        published_at=mapping.published_at,
        categories=tuple(categories),
        author_login=item.creator,
        tags=tuple(tags_of(item)),
        old_paths=tuple(old_paths(item)),
        guid=item.guid[:500],
        original_url=item.link[:500],
        wp_status=item.status[:20],
        import_note=mapping.note,
        sticky=item.sticky,
        warnings=tuple(warnings),
    )


def label_of(item: Item) -> str:
    """How the report names an item: editors find it by ID, or by line in the file. A link of
    a block-theme navigation is named by its navigation post and its place in it."""
    if navigation.is_link(item.post_id):
        post_id, position = divmod(item.post_id - navigation.LINK_IDS, 1000)
        return f"post {post_id} (line {item.line}), link {position}"
    return f"post {item.post_id} (line {item.line})"


def thumbnail_id(item: Item) -> int | None:
    """The attachment ID of the featured image, if the post has one."""
    thumbnail = next(iter(item.meta_values("_thumbnail_id")), "").strip()
    return int(thumbnail) if thumbnail.isdigit() and int(thumbnail) != 0 else None


@dataclass
class StatusMapping:
    status: str
    published_at: datetime | None
    note: str = ""  # kept on WordPressSource.import_note for editors
    warning: str = ""  # for the run's report


def parse_gmt(value: str) -> datetime | None:
    """WordPress GMT dates; the zero date of drafts ("0000-00-00 00:00:00") means none."""
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_local(value: str) -> datetime | None:
    """A site-local WordPress date, read in this site's time zone (WXR does not say which)."""
    try:
        naive = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return timezone.make_aware(naive)


def item_date(item: Item) -> datetime | None:
    return parse_gmt(item.post_date_gmt) or parse_local(item.post_date)


def status_for(item: Item) -> StatusMapping:
    """publish → published; future → scheduled at its date; draft, pending, private and
    password-protected → draft (with the reason). Nothing private ever becomes public."""
    draft = Article.Status.DRAFT
    if item.password:
        return StatusMapping(draft, None, "Password-protected in WordPress: kept as a draft.")
    if item.status == "private":
        return StatusMapping(draft, None, "Private in WordPress: kept as a draft.")
    if item.status in {"publish", "future"}:
        date = item_date(item)
        if date is None:
            return StatusMapping(
                draft, None, "No publication date in WordPress.", "no usable date; kept as a draft"
            )
        if item.status == "future":
            note = f"Scheduled in WordPress for {date:%Y-%m-%d %H:%M} UTC."
            return StatusMapping(Article.Status.PUBLISHED, date, note)
        return StatusMapping(Article.Status.PUBLISHED, date)
    if item.status == "pending":
        return StatusMapping(draft, None, "Pending review in WordPress.")
    if item.status == "draft":
        return StatusMapping(draft, None, "Draft in WordPress.")
    return StatusMapping(
        draft,
        None,
        f"Unknown WordPress status {item.status!r}: kept as a draft.",
        f"unknown status {item.status!r}; kept as a draft",
    )


def headline_for(item: Item) -> tuple[str, bool]:
    """(headline, made_up): titles lose their markup; a missing one comes from the first
    words of the post, else its date, else its ID."""
    headline = plain_text(item.title)
    made_up = not headline
    if made_up:
        first_words = Truncator(plain_text(item.content)).words(10, truncate="…")
        date = item_date(item)
        if first_words:
            headline = first_words
        elif date:
            headline = f"Untitled post of {date.day} {date:%B %Y}"
        else:
            headline = f"Untitled post {item.post_id}"
    return Truncator(headline).chars(300), made_up


def slug_base(item: Item, headline: str) -> str:
    """`wp:post_name` (percent-decoded: WordPress stores non-Latin slugs encoded), else the
    headline's slug."""
    base = slugify(unquote(item.post_name), allow_unicode=True)
    return (base or slugify(headline, allow_unicode=True) or "article")[:240].strip("-")


def categories_of(item: Item) -> list[tuple[str, str]]:
    """(nicename, name) of the item's categories; very old exports list them bare."""
    categories = [(slug, name) for domain, slug, name in item.categories if domain == "category"]
    if not categories:
        bare = [name for domain, _, name in item.categories if not domain and name]
        categories = [(slugify(plain_text(name), allow_unicode=True), name) for name in bare]
    return categories


def tags_of(item: Item) -> list[tuple[str, str]]:
    """(slug, name) of the post's tags (`post_tag`, or `tag` in WXR 1.0), each once. The slug
    is WordPress's (percent-decoded), so that tags differing only in case stay one tag."""
    tags = {}
    for domain, slug, name in item.categories:
        name = plain_text(name or slug)[:100]
        if domain in {"post_tag", "tag"} and name:
            slug = slugify(unquote(slug), allow_unicode=True) or slugify(name, allow_unicode=True)
            tags.setdefault(slug.lower() or name.lower(), (slug[:100], name))
    return list(tags.values())


def old_paths(item: Item) -> list[str]:
    """The `<link>` path, and the same path with each `_wp_old_slug` in the slug's place."""
    parts = urlsplit(item.link)
    path = unquote(parts.path)
    if parts.query or path in {"", "/"}:
        return []  # "?p=123" links differ only in the query, which redirects cannot match
    paths = [path]
    current = unquote(item.post_name)
    segments = path.split("/")
    if current and current in segments:
        index = len(segments) - 1 - segments[::-1].index(current)
        for old_slug in item.meta_values("_wp_old_slug"):
            old_slug = unquote(old_slug.strip())
            if old_slug and old_slug != current:
                paths.append("/".join([*segments[:index], old_slug, *segments[index + 1 :]]))
    return [path[:500] for path in dict.fromkeys(paths)]
