"""WordPress addresses that carry the post in the query string: `/?p=123`.

Every WordPress post answers at `/?p=ID` whatever its permalink settings, and that is the GUID
of most posts, so old links, feeds readers and search engines hold such addresses. They cannot
be rows of the redirect table (it matches paths, and `/` is the home page, which answers 200),
so this middleware answers them from the import's own record (`WordPressSource`): 301 to the
article when it is public, the home page as before otherwise. Only the site root, and only a
numeric `p`: the site's own URLs never use it.
"""

from django.http import HttpResponsePermanentRedirect

from articles.models import Article

WORDPRESS_POST_PARAMETER = "p"


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in {"GET", "HEAD"} and request.GET:
            target = article_for_query(request.GET)
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        return self.get_response(request)


def article_for_query(query) -> str | None:
    """The URL of the public article that `?p=ID` names, or None."""
    post_id = query.get(WORDPRESS_POST_PARAMETER, "")
    if not post_id.isascii() or not post_id.isdigit() or len(post_id) > 18:
        return None
    article = (
        Article.objects.published()
        .filter(wordpress_source__wp_post_id=int(post_id))
        .order_by("wordpress_source__pk")  # two blogs side by side: the first imported wins
        .only("pk", "slug")
        .first()
    )
    return article.get_absolute_url() if article else None
