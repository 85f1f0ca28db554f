from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from articles.feeds import SiteAtomFeed, SiteFeed
from articles.sitemaps import SITEMAPS, news_sitemap, sitemap_index
from images.views import serve_media
from newsroom.caching import cached_for_readers
from newsroom.views import csp_report

urlpatterns = [
    path("admin/", admin.site.urls),
    path("feed/", SiteFeed(), name="feed"),
    path("feed/atom/", SiteAtomFeed(), name="feed_atom"),
    path("sitemap.xml", cached_for_readers("sitemaps")(sitemap_index), name="sitemap"),
    path("sitemap-news.xml", cached_for_readers("sitemaps")(news_sitemap), name="sitemap_news"),
    path(
        "sitemap-<slug:section>.xml",
        cached_for_readers("sitemaps")(sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        cached_for_readers("robots")(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain")
        ),
        name="robots",
    ),
    path("csp-report/", csp_report, name="csp_report"),
    path("", include("authors.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media),
    ]

handler500 = "newsroom.views.server_error"
