"""WordPress's archive addresses, to the pages that now list the same stories.

A WordPress site lists a category's posts at `/category/news/local/`, a tag's at
`/tag/ferries/`, an author's at `/author/mara/`, each with a feed at `…/feed/`. Inbound links and
feed readers hold those addresses; they answer 301 to the section, tag or author page (and
feed) the import made of them. The default WordPress bases are assumed (`category`, `tag`,
`author`); a site that changed them in its permalink settings keeps those links unredirected.

Date archives (`/2013/`, `/2013/03/`, `/2013/03/04/`, and their feeds) lead to the list of that
year, month or day (`/latest/2013/03/`; the feeds to the site's feed), recorded only for the
dates the import saw public posts on, so they never stand for paths the site has a use for.
"""

from urllib.parse import unquote

from core.reversing import cached_reverse
from importers.wordpress.state import ImportState

PAGES = {
    "section": ("articles:section", "distribution:section_feed"),
    "tag": ("articles:tag", "distribution:tag_feed"),
    "author": ("articles:author", "distribution:author_feed"),
}


def record(state: ImportState, old_path: str, kind: str, slug: str) -> None:
    """`old_path` → the `kind` page of `slug`, and `old_path` + `feed/` → its feed; once a run."""
    if old_path in state.archive_paths:
        return
    page, feed = PAGES[kind]
    added = state.redirects.add(old_path, cached_reverse(page, slug=slug))
    added += state.redirects.add(f"{old_path}feed/", cached_reverse(feed, slug=slug))
    state.archive_paths.add(old_path)
    if added:  # a re-run finds them in place: nothing recorded
        state.report.count("redirects", "recorded for archives", added)


def category_path(nicenames: list[str]) -> str:
    """`/category/news/local/` for the nicenames from the top category down."""
    return "/category/" + "".join(f"{unquote(name)}/" for name in nicenames)


def tag_path(wordpress_slug: str) -> str:
    return f"/tag/{unquote(wordpress_slug)}/"


def author_path(login: str) -> str:
    """WordPress's author base holds the user's nicename: the login, lower-cased, dashed."""
    return f"/author/{unquote(login).strip().lower().replace(' ', '-')}/"


DATE_PAGES = {1: "articles:archive_year", 2: "articles:archive_month", 3: "articles:archive_day"}


def record_dates(state: ImportState) -> None:
    """`/2013/`, `/2013/03/`, `/2013/03/04/` (and `…/feed/`) → the list of that year, month and
    day, for `state.archive_dates` (the site's days: WordPress's archives use the blog's local
    time). Run after the posts: a path a post's own link uses (`/2013/03/12/`) stays the post's."""
    for day in sorted(state.archive_dates):
        parts = (f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}")
        for size in (1, 2, 3):
            old_path = "/" + "".join(f"{part}/" for part in parts[:size])
            if old_path in state.archive_paths or old_path in state.redirects.sources:
                continue
            names = dict(zip(("year", "month", "day"), parts[:size], strict=False))
            state.redirects.add(old_path, cached_reverse(DATE_PAGES[size], **names))
            state.redirects.add(f"{old_path}feed/", cached_reverse("distribution:feed"))
            state.archive_paths.add(old_path)
            state.report.count("redirects", "recorded for archives", 2)
