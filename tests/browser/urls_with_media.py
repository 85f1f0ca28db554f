"""The site's URLs plus uploaded media, for browser tests that need to see images."""

from django.urls import re_path

from images.views import serve_media
from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", serve_media)]
