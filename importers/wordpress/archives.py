"""WordPress's archive addresses, to the pages that now list the same stories.

A WordPress site lists a category's posts at `/category/news/local/`, a tag's at
`/tag/ferries/`, an author's at `/author/mara/`, each with a feed at `…/feed/`. Inbound links and
feed readers hold those addresses; they answer 301 to the section, tag or author page (and
feed) the import made of them. The default WordPress bases are assumed (`category`, `tag`,
`author`); a site that changed them in its permalink settings keeps those links unredirected.
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
    state.redirects.add(old_path, cached_reverse(page, slug=slug))
    state.redirects.add(f"{old_path}feed/", cached_reverse(feed, slug=slug))
    state.archive_paths.add(old_path)
    state.report.count("redirects", "recorded for archives", 2)


def category_path(nicenames: list[str]) -> str:
    """`/category/news/local/` for the nicenames from the top category down."""
    return "/category/" + "".join(f"{unquote(name)}/" for name in nicenames)


def tag_path(wordpress_slug: str) -> str:
    return f"/tag/{unquote(wordpress_slug)}/"


def author_path(login: str) -> str:
    """WordPress's author base holds the user's nicename: the login, lower-cased, dashed."""
    return f"/author/{unquote(login).strip().lower().replace(' ', '-')}/"
