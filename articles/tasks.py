"""Background work after article changes, on Django's tasks framework (any backend).

A CDN's purge API is slow now and then and down now and then: on the queue it never holds up
an editor's save, and a failed purge runs again with backoff (docs/operations.md).

After an edit of a public story the queue also renders its page again and stores it, with its
own pieces (the article's data and "More in", the costly part of a page-cache miss). Readers who
come before the worker are served the page from before the edit for at most the page cache's
grace; readers after it find the new page stored (docs/performance.md).
"""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest
from django.tasks import task

from articles.models import Article
from core.cache.pages import hold_for_refresh, purge_urls, refreshing
from core.db_routers import offline_render


@task
def purge_cdn(urls: list[str]) -> int:
    """Tell the CDN (settings.CDN_PURGE_CALLABLE) that `urls` changed; returns how many."""
    purge_urls(urls)
    return len(urls)


@task
def warm_article_page(article_id: int) -> bool:
    """Render the public article's page as a reader's view would, through the site's
    middleware: the page cache stores it (whatever it held) and the pieces an edit retired
    (its data, its header, body and footer, "More in") are kept. The save claimed that render
    (`hold_article_page`), so readers who came first were served the copy from before the
    edit; this frees the claim. False if the article is not public (nothing to make)."""
    from articles.article_page import public_article

    article = public_article(article_id)
    if article is None:
        return False
    with offline_render(), refreshing():  # the primary: the edit is there
        _site_handler().get_response(reader_request(article.get_absolute_url()))
    return True


_handlers: dict[tuple[str, ...], BaseHandler] = {}


def _site_handler() -> BaseHandler:
    """The site's middleware chain around its views, loaded once per process (20–47 ms of
    CPU: WhiteNoise indexes the static files) and again if `MIDDLEWARE` changes."""
    key = tuple(settings.MIDDLEWARE)
    if key not in _handlers:
        with offline_render():  # loading it must not make this a web process
            handler = BaseHandler()
            handler.load_middleware()
        _handlers[key] = handler
    return _handlers[key]


def hold_article_page(article: Article) -> None:
    """Claim the render of `article`'s page for `warm_article_page` (see there)."""
    hold_for_refresh(reader_request(article.get_absolute_url()))


def reader_request(path: str) -> HttpRequest:
    """An anonymous reader's GET of `path` on SITE_URL, for rendering outside a request."""
    site = urlsplit(settings.SITE_URL)
    secure = site.scheme == "https"
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "SERVER_NAME": site.hostname or "localhost",
            "SERVER_PORT": str(site.port or (443 if secure else 80)),
            "HTTP_HOST": site.netloc or "localhost",
            "wsgi.url_scheme": site.scheme or "http",
            "wsgi.input": io.BytesIO(),
        }
    )
    request.user = AnonymousUser()
    return request
