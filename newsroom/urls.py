from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from articles.feeds import LatestStoriesFeed
from articles.sitemaps import SITEMAPS
from newsroom.caching import cached_for_readers

urlpatterns = [
    path("admin/", admin.site.urls),
    path("feed/", LatestStoriesFeed(), name="feed"),
    path(
        "sitemap.xml",
        cached_for_readers("sitemaps")(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "robots.txt",
        cached_for_readers("robots")(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain")
        ),
        name="robots",
    ),
    path("", include("authors.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
