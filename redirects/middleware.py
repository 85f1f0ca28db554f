"""Answer 301 for known old URLs, but only where the site itself has nothing (a 404)."""

import logging

from django.db.models import F
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.models import Article
from redirects.models import Redirect
from redirects.recording import site_path_problem

logger = logging.getLogger(__name__)


class RedirectFallbackMiddleware:
    """Follow the redirect table on a 404, and never to another site.

    The target is checked again here, whatever stored it (the admin, an import, a row written
    before the admin checked decoded paths, the shell): a target that is not a plain path on
    this site leaves the 404 as it was and is logged, so no stored row can make us an open
    redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        redirect = Redirect.objects.filter(old_path=request.path).only("pk", "new_path").first()
        if redirect is None:
            return response
        if site_path_problem(redirect.new_path):
            logger.warning("Redirect refused, its target leaves the site: %s", redirect)
            return response
        if not leads_to_a_public_page(redirect.new_path):
            return response  # e.g. a scheduled story's old URL: 404 until it is published
        Redirect.objects.filter(pk=redirect.pk).update(
            hits=F("hits") + 1, last_hit_at=timezone.now()
        )
        target = redirect.new_path
        if request.META.get("QUERY_STRING"):
            target = f"{target}?{request.META['QUERY_STRING']}"
        return HttpResponsePermanentRedirect(target)


def leads_to_a_public_page(path: str) -> bool:
    """False for an article that is not public (yet, or any more); True for anything else.

    An imported scheduled post keeps its old URLs: they answer once it is published, and until
    then the 404 gives away neither the story's new address nor its slug.
    """
    try:
        match = resolve(path)
    except Resolver404:
        return True  # the target answers for itself (a 404, or another redirect)
    if match.view_name != "articles:detail":
        return True
    return Article.objects.published().filter(pk=match.kwargs.get("pk")).exists()
