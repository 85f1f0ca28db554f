"""How WordPress values map onto Newsroom's: dates, statuses, headlines, categories, old URLs.

Pure functions of one WXR item, so every rule of the mapping can be read (and tested) here
without a database.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles.models import Article

from .wpcontent import plain_text
from .wxr import Item


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
        return StatusMapping(draft, None)
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


def tag_names_of(item: Item) -> list[str]:
    """Tags (`post_tag`, or `tag` in WXR 1.0), then the categories after the first."""
    names = [plain_text(n) for domain, _, n in item.categories if domain in {"post_tag", "tag"}]
    names += [plain_text(name or slug) for slug, name in categories_of(item)[1:]]
    return [name[:100] for name in dict.fromkeys(names) if name]


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
