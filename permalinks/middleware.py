"""Answer 301 for known old URLs, but only where the site itself has nothing (a 404)."""

from django.db.models import F
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone

from .models import Redirect


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        redirect = Redirect.objects.filter(old_path=request.path).only("pk", "new_path").first()
        if redirect is None:
            return response
        Redirect.objects.filter(pk=redirect.pk).update(
            hits=F("hits") + 1, last_hit_at=timezone.now()
        )
        target = redirect.new_path
        if request.META.get("QUERY_STRING"):
            target = f"{target}?{request.META['QUERY_STRING']}"
        return HttpResponsePermanentRedirect(target)
