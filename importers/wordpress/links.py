"""Links inside imported bodies that point at the old WordPress site, pointed at the new pages.

A post links its neighbours by their WordPress addresses (`https://old.example/2013/03/x/`,
`https://old.example/?p=12`, `/category/news/`). Left alone they lead readers back to a site
that is being switched off. Once every post of the run is written (so a link to a later post
resolves too), each body written by the run has its links to the old hosts, and its root-relative
links, looked up: the redirect table answers for paths (posts, old slugs, categories, tags,
authors, feeds), then a published page at that path, the import's record for `?p=ID`,
`?page_id=ID` and `?attachment_id=ID`, and `/wp-content/uploads/…`. Page bodies are rewritten
too (a policy page links a correction). A link that resolves becomes the new path (its
`#fragment` kept); one that does not is left as it was and counted.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from articles.models import Article
from articles.signals import articles_written_in_bulk
from core.sanitize import clean_html, seal
from importers.wordpress.media import UPLOADS
from importers.wordpress.old_urls import (
    article_for_query,
    page_for_query,
    upload_for_path,
    upload_for_query,
)
from pages.models import Page
from redirects.models import Redirect
from redirects.recording import normalize_path

HREF = re.compile(r'href="([^"]*)"')
WORDPRESS_COM = "wordpress.com"


@dataclass
class LinkCounts:
    rewritten: int = 0
    unresolved: int = 0


def old_hosts(*addresses: str) -> frozenset[str]:
    """The hosts the old site answered at (not wordpress.com itself, which hosts every blog)."""
    hosts = {urlsplit(address).netloc.lower() for address in addresses if address}
    return frozenset(host for host in hosts if host and host != WORDPRESS_COM)


def rewrite_links(
    article_pks: Iterable[int], hosts: frozenset[str], page_pks: Iterable[int] = ()
) -> LinkCounts:
    """Rewrite the old-site links in the bodies of `article_pks` and `page_pks`; save the ones
    that changed."""
    counts = LinkCounts()
    resolver = _Resolver()
    changed = []
    articles = Article.objects.filter(pk__in=list(article_pks)).only("pk", "body")
    for article in articles.iterator():
        body = HREF.sub(lambda m: _rewritten(m, hosts, resolver, counts), article.body)
        if body != article.body:
            article.body = clean_html(body)  # what a save would store, with its seal
            article.body_seal = seal(article.body)
            changed.append(article)
    Article.objects.bulk_update(changed, ["body", "body_seal"], batch_size=200)
    if changed:
        articles_written_in_bulk(article.pk for article in changed)  # caches, search
    for page in Page.objects.filter(pk__in=list(page_pks)):  # few: saved one by one (signals)
        body = HREF.sub(lambda m: _rewritten(m, hosts, resolver, counts), page.body)
        if body != page.body:
            page.body = body
            page.save(update_fields=["body", "body_seal"])
    return counts


def _rewritten(match: re.Match, hosts: frozenset[str], resolver: "_Resolver", counts) -> str:
    href = html.unescape(match.group(1))
    parts = urlsplit(href)
    internal = parts.netloc.lower() in hosts if parts.netloc else href.startswith("/")
    if not internal or parts.scheme not in {"", "http", "https"}:
        return match.group(0)
    target = resolver.resolve(parts.path or "/", parts.query)
    if target is None:
        counts.unresolved += 1
        return match.group(0)
    counts.rewritten += 1
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f'href="{html.escape(target + fragment)}"'


class _Resolver:
    """Old address → new path, each asked once per run."""

    def __init__(self):
        self.known: dict[tuple[str, str], str | None] = {}

    def resolve(self, path: str, query: str) -> str | None:
        key = (path, query)
        if key not in self.known:
            self.known[key] = new_url(path, query)
        return self.known[key]


def new_url(path: str, query: str) -> str | None:
    """The new address of an old-site path and query string, or None (links and menus)."""
    if path == "/" and query:
        params = {key: values[0] for key, values in parse_qs(query).items()}
        return article_for_query(params) or page_for_query(params) or upload_for_query(params)
    if path.startswith(UPLOADS):
        return upload_for_path(path.removeprefix(UPLOADS))
    path = normalize_path(path)
    candidates = [path] if path.endswith("/") else [path, f"{path}/"]
    found = (
        Redirect.objects.filter(old_path__in=candidates).values_list("new_path", flat=True).first()
    )
    if found is None and path.strip("/"):
        page = Page.objects.published().filter(path=path.strip("/")).only("path").first()
        found = page.get_absolute_url() if page else None
    return found
