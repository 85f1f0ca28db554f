"""Sitemaps: an index, one paginated sitemap per kind of page, and a Google News sitemap.

Only public articles appear, and only the authors and tags that have one. Every location is
absolute on the canonical SITE_URL, whichever host the crawler used.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Author

from .lead_image import absolute_url
from .models import Article, Section

# sitemaps.org: at most 50,000 URLs per file. Google News: at most 1,000, from the last 2 days.
URLS_PER_SITEMAP = 50_000
NEWS_WINDOW = timedelta(hours=48)
NEWS_MAX_URLS = 1_000


class CanonicalSitemap(Sitemap):
    """Locations on SITE_URL, not on the Host header of the request."""

    limit = URLS_PER_SITEMAP

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(CanonicalSitemap):
    def items(self):
        return (
            Article.objects.published()
            .annotate(last_change=Coalesce("updated_at", "published_at"))
            .only("id", "slug", "published_at", "updated_at")
            .newest_first()
        )

    def lastmod(self, item: Article):
        return item.last_change

    def get_latest_lastmod(self):
        """One aggregate instead of Django's default walk over every item."""
        return self.items().aggregate(latest=Max("last_change"))["latest"]


class SectionSitemap(CanonicalSitemap):
    def items(self):
        return Section.objects.order_by("position", "name", "pk")


class AuthorSitemap(CanonicalSitemap):
    def items(self):
        return (
            Author.objects.filter(bylines__article__in=Article.objects.published())
            .distinct()
            .order_by("name", "pk")
        )


class TagSitemap(CanonicalSitemap):
    def items(self):
        return (
            Tag.objects.filter(
                articles_taggedarticle_items__content_object__in=Article.objects.published()
            )
            .distinct()
            .order_by("name", "pk")
        )

    def location(self, item: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": item.slug})


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}


def news_articles():
    """Public articles of the last 48 hours, newest first, as Google News wants them."""
    since = timezone.now() - NEWS_WINDOW
    return (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("id", "slug", "headline", "published_at")
        .newest_first()[:NEWS_MAX_URLS]
    )


@x_robots_tag
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """`/sitemap.xml`: every non-empty sitemap page, then the news sitemap when it has news."""
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        if not sitemap.paginator.count:
            continue
        location = absolute_url(reverse("sitemap_section", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append({"location": location, "lastmod": lastmod})
        entries.extend(
            {"location": f"{location}?p={page}", "lastmod": lastmod}
            for page in range(2, sitemap.paginator.num_pages + 1)
        )
    latest_news = news_articles().values_list("published_at", flat=True).first()
    if latest_news:
        entries.append({"location": absolute_url(reverse("sitemap_news")), "lastmod": latest_news})
    return render(
        request, "sitemaps/index.xml", {"entries": entries}, content_type="application/xml"
    )


@x_robots_tag
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """`/sitemap-news.xml`: the Google News sitemap."""
    context = {
        "articles": news_articles(),
        "publication_name": settings.SITE_NAME,
        "language": settings.SITE_LANGUAGE,
    }
    return render(request, "sitemaps/news.xml", context, content_type="application/xml")
