"""Feeds for the site and for every section, author and tag; sitemaps; robots.txt."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from core.cache import tags
from core.cache.pages import cacheable_page
from distribution import feeds
from distribution.sitemaps import SITEMAPS, news_sitemap, sitemap_index

app_name = "distribution"

urlpatterns = [
    path("feed/", feeds.SiteFeed(), name="feed"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="feed_atom"),
    path("sections/<str:slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("sections/<str:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    path("authors/<str:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("authors/<str:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
    path("tags/<str:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("sitemap.xml", cacheable_page(tags.SITEMAPS)(sitemap_index), name="sitemap"),
    path("sitemap-news.xml", cacheable_page(tags.SITEMAPS)(news_sitemap), name="sitemap_news"),
    path(
        "sitemap-<slug:section>.xml",
        cacheable_page(tags.SITEMAPS)(sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        cacheable_page(tags.ROBOTS)(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain")
        ),
        name="robots",
    ),
]
