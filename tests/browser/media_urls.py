"""The project's URLs plus uploaded media, so live-server pages show their real images.

`newsroom.urls` serves media only when SERVE_MEDIA is on at import time, and each test has its
own MEDIA_ROOT, so the folder is looked up at request time.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as project_urlpatterns


def media(request: HttpRequest, path: str) -> HttpResponse:
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*project_urlpatterns, re_path(r"^media/(?P<path>.*)$", media)]
