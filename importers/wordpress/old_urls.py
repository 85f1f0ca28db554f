"""WordPress addresses that carry the post in the query string: `/?p=123`, `/?page_id=45`.

Every WordPress post answers at `/?p=ID` whatever its permalink settings, and that is the GUID
of most posts, so old links, feeds readers and search engines hold such addresses. They cannot
be rows of the redirect table (it matches paths, and `/` is the home page, which answers 200),
so this middleware answers them from the import's own record (`WordPressSource`): 301 to the
article when it is public, the home page as before otherwise. Only the site root, and only a
numeric `p` or `page_id`: the site's own URLs never use them. Pages are found through the
import's `WordPressPageSource`, published ones only.

Uploads likewise: `/wp-content/uploads/2013/03/photo-300x200.jpg` (any size WordPress made),
`/?attachment_id=ID` and (through the redirect table) an attachment's page answer 301 to the
file the import made of it (`WordPressUpload`): the library image's clean original, or the
stored video or audio file. Only paths under `/wp-content/uploads/`, which Newsroom never uses.
"""

from django.core.files.storage import default_storage
from django.http import HttpResponsePermanentRedirect

from articles.models import Article
from importers.models import WordPressUpload
from importers.wordpress.media import UPLOADS, full_size
from pages.models import Page

WORDPRESS_POST_PARAMETER = "p"
WORDPRESS_PAGE_PARAMETER = "page_id"
WORDPRESS_ATTACHMENT_PARAMETER = "attachment_id"


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in {"GET", "HEAD"} and request.GET:
            target = (
                article_for_query(request.GET)
                or page_for_query(request.GET)
                or upload_for_query(request.GET)
            )
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        if request.path.startswith(UPLOADS) and request.method in {"GET", "HEAD"}:
            target = upload_for_path(request.path.removeprefix(UPLOADS))
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)


def _wordpress_id(query, parameter: str) -> int | None:
    value = query.get(parameter, "")
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def article_for_query(query) -> str | None:
    """The URL of the public article that `?p=ID` names, or None."""
    post_id = _wordpress_id(query, WORDPRESS_POST_PARAMETER)
    if post_id is None:
        return None
    article = (
        Article.objects.published()
        .filter(wordpress_source__wp_post_id=post_id)
        .order_by("wordpress_source__pk")  # two blogs side by side: the first imported wins
        .only("pk", "slug")
        .first()
    )
    return article.get_absolute_url() if article else None


def _upload_url(upload: WordPressUpload | None) -> str | None:
    if upload is None:
        return None
    if upload.image is not None:
        return upload.image.file.url
    return default_storage.url(upload.file) if upload.file else None


def upload_for_path(path: str) -> str | None:
    """The new URL of an old upload path (`2013/03/photo-300x200.jpg` → photo.jpg's), or None."""
    candidates = list(dict.fromkeys([path, full_size(path)]))
    uploads = WordPressUpload.objects.filter(path__in=candidates).select_related("image")
    found = {upload.path: upload for upload in uploads.order_by("-pk")}  # the first import wins
    return next((_upload_url(found[p]) for p in candidates if p in found), None)


def upload_for_query(query) -> str | None:
    """The new URL of the upload that `?attachment_id=ID` names, or None."""
    attachment_id = _wordpress_id(query, WORDPRESS_ATTACHMENT_PARAMETER)
    if attachment_id is None:
        return None
    upload = (
        WordPressUpload.objects.filter(attachment_id=attachment_id)
        .select_related("image")
        .order_by("pk")
        .first()
    )
    return _upload_url(upload)


def page_for_query(query) -> str | None:
    """The URL of the public page that `?page_id=ID` names (or `?p=ID`: WordPress answers a
    page's ID there too), or None."""
    post_id = _wordpress_id(query, WORDPRESS_PAGE_PARAMETER)
    if post_id is None:
        post_id = _wordpress_id(query, WORDPRESS_POST_PARAMETER)
    if post_id is None:
        return None
    page = (
        Page.objects.published()
        .filter(wordpress_source__wp_post_id=post_id)
        .order_by("wordpress_source__pk")  # two blogs side by side: the first imported wins
        .only("path")
        .first()
    )
    return page.get_absolute_url() if page else None
