"""Background work after article changes, on Django's tasks framework (any backend).

A CDN's purge API is slow now and then and down now and then: on the queue it never holds up
an editor's save, and a failed purge runs again with backoff (docs/operations.md).

After an edit of a public story the queue also makes its page's own pieces again (the article's
data and "More in", the costly part of a page-cache miss), so the first reader after the edit
renders the page from warm pieces instead of paying for them (docs/performance.md).
"""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest
from django.tasks import task

from core.cache.pages import purge_urls


@task
def purge_cdn(urls: list[str]) -> int:
    """Tell the CDN (settings.CDN_PURGE_CALLABLE) that `urls` changed; returns how many."""
    purge_urls(urls)
    return len(urls)


@task
def warm_article_page(article_id: int) -> bool:
    """Render the public article's page as a reader's first view would, keeping the pieces an
    edit retired (its data, its header, body and footer, "More in"); False if the article is
    not public (nothing to make). The page itself is left to the page cache's first reader."""
    from articles.article_page import public_article
    from articles.views import article_detail

    article = public_article(article_id)
    if article is None:
        return False
    article_detail(reader_request(article.get_absolute_url()), article.pk, article.slug)
    return True


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
