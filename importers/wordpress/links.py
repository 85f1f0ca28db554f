"""Links inside imported bodies that point at the old WordPress site, pointed at the new pages.

A post or page links its neighbours by their WordPress addresses
(`https://old.example/2013/03/x/`, `https://old.example/?p=12`, `/category/news/`). Left alone
they lead readers back to a site that is being switched off. Once every post and page of the
run is written (so a link to a later one resolves too), each body written by the run has its
links to the old hosts, and its root-relative links, looked up: the redirect table answers for
paths (posts, old slugs, pages that moved, categories, tags, authors, feeds), a page imported
at its old path answers for itself, the import's record for `?p=ID`. A link that resolves
becomes the new path (its `#fragment` kept); one that does not is left as it was and counted.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from articles.models import Article
from articles.signals import articles_written_in_bulk
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
    articles = Article.objects.filter(pk__in=list(article_pks)).only("pk", "body")
    changed = _with_new_links(articles, hosts, resolver, counts)
    Article.objects.bulk_update(changed, ["body"], batch_size=200)
    if changed:
        articles_written_in_bulk(article.pk for article in changed)  # caches, search
    pages = Page.objects.filter(pk__in=list(page_pks))
    for page in _with_new_links(pages, hosts, resolver, counts):
        page.save(update_fields=["body"])  # pages are few; a save sends their cache signals
    return counts


def _with_new_links(rows, hosts: frozenset[str], resolver: "_Resolver", counts) -> list:
    changed = []
    for row in rows.iterator():
        body = HREF.sub(lambda m: _rewritten(m, hosts, resolver, counts), row.body)
        if body != row.body:
            row.body = body
            changed.append(row)
    return changed


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
            self.known[key] = self._lookup(path, query)
        return self.known[key]

    @staticmethod
    def _lookup(path: str, query: str) -> str | None:
        post_id = parse_qs(query).get("p", [""])[0]
        if path == "/" and post_id.isdigit():
            article = (
                Article.objects.filter(
                    status=Article.Status.PUBLISHED, wordpress_source__wp_post_id=int(post_id)
                )
                .order_by("wordpress_source__pk")
                .only("pk", "slug")
                .first()
            )
            return article.get_absolute_url() if article else None
        path = normalize_path(path)
        candidates = [path] if path.endswith("/") else [path, f"{path}/"]
        redirected = (
            Redirect.objects.filter(old_path__in=candidates)
            .values_list("new_path", flat=True)
            .first()
        )
        if redirected is not None:
            return redirected
        # A page imported at its old path has no redirect: the path itself is the new one.
        page = Page.objects.filter(path=path.strip("/")).only("path").first()
        return page.get_absolute_url() if page else None
