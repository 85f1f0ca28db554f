"""Sitemaps: an index, one paginated sitemap per kind of page, and a Google News sitemap.

Only public articles appear, and only the authors and tags that have one. Every entry with a
date has a `lastmod`: an article's last update, a front's newest story, the corrections page's
newest note. Articles carry their lead image (Google's image sitemap extension). Every location is
absolute on the canonical SITE_URL, whichever host the crawler used. The documents we render
ourselves pass through `core.text.clean_text`, so a stored headline holding a control character
(written before fields were cleaned, or by raw SQL) cannot make them ill-formed XML; the
paginated sitemaps hold only reversed (percent-encoded) locations and dates.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag

from articles.models import Article, Correction, Section
from authors.models import Author
from core.text import clean_text
from distribution.absolute import absolute_url
from distribution.lead_image import lead_image
from images.models import DELIVERY_FIELDS
from pages.sitemaps import PageSitemap

# sitemaps.org: at most 50,000 URLs per file. Google News: at most 1,000, from the last 2 days.
URLS_PER_SITEMAP = 50_000
NEWS_WINDOW = timedelta(hours=48)
NEWS_MAX_URLS = 1_000
LEAD_IMAGE_FIELDS = ("lead_image", *(f"lead_image__{field}" for field in DELIVERY_FIELDS))


class CanonicalSitemap(Sitemap):
    """Locations on SITE_URL, not on the Host header of the request."""

    limit = URLS_PER_SITEMAP

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class LastChangeSitemap(CanonicalSitemap):
    """Items annotated with `last_change` (the newest change of what their page shows)."""

    def lastmod(self, item):
        return item.last_change

    def get_latest_lastmod(self):
        """One aggregate instead of Django's default walk over every item."""
        return self.items().aggregate(latest=Max("last_change"))["latest"]


LAST_CHANGE = Coalesce("updated_at", "published_at")


def newest_change(stories) -> Subquery:
    """The newest publication or update among `stories` (filtered on an OuterRef)."""
    changes = stories.order_by().annotate(change=LAST_CHANGE).order_by("-change").values("change")
    return Subquery(changes[:1])


class ArticleSitemap(LastChangeSitemap):
    """Articles, each with its lead image (Google's image extension)."""

    def items(self):
        return (
            Article.objects.published()
            .annotate(last_change=LAST_CHANGE)
            .select_related("lead_image")
            .only("id", "slug", "published_at", "updated_at", *LEAD_IMAGE_FIELDS)
            .newest_first()
        )

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            image = lead_image(url["item"])
            url["images"] = [image.url] if image else []
        return urls


class SectionSitemap(LastChangeSitemap):
    """Section fronts; a front changes when a story of the section (or a child) does."""

    def items(self):
        public = Article.objects.published()
        stories = public.filter(Q(section=OuterRef("pk")) | Q(section__parent=OuterRef("pk")))
        return Section.objects.annotate(last_change=newest_change(stories)).order_by(
            "position", "name", "pk"
        )


class AuthorSitemap(LastChangeSitemap):
    def items(self):
        public = Article.objects.published()
        stories = public.filter(bylines__author=OuterRef("pk"))
        return (
            Author.objects.filter(Exists(stories))
            .annotate(last_change=newest_change(stories))
            .order_by("name", "pk")
        )


class TagSitemap(LastChangeSitemap):
    def items(self):
        public = Article.objects.published()
        stories = public.filter(tagged_items__tag=OuterRef("pk"))
        return public.tags().annotate(last_change=newest_change(stories)).order_by("name", "pk")

    def location(self, item: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": item.slug})


class SiteSitemap(CanonicalSitemap):
    """The home page, the latest stories and the corrections page: one entry each, with the
    time of the newest change they show."""

    @cached_property  # the index asks for the items twice (count, then latest change)
    def entries(self) -> list[tuple[str, datetime | None]]:
        public = Article.objects.published()
        newest = public.aggregate(latest=Max(LAST_CHANGE))["latest"]
        corrected = Correction.objects.filter(article__in=public).aggregate(latest=Max("noted_at"))[
            "latest"
        ]
        return [
            (reverse("articles:home"), newest),
            (reverse("articles:latest"), newest),
            (reverse("articles:corrections"), corrected),
        ]

    def items(self) -> list[tuple[str, datetime | None]]:
        return self.entries

    def location(self, item) -> str:
        return item[0]

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return max((when for _, when in self.items() if when), default=None)


SITEMAPS = {
    "site": SiteSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "pages": PageSitemap,
}


def news_articles():
    """Public articles of the last 48 hours, newest first, as Google News wants them."""
    since = timezone.now() - NEWS_WINDOW
    return (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("id", "slug", "headline", "published_at", "updated_at")
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
        location = absolute_url(reverse("distribution:sitemap_section", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append({"location": location, "lastmod": lastmod})
        entries.extend(
            {"location": f"{location}?p={page}", "lastmod": lastmod}
            for page in range(2, sitemap.paginator.num_pages + 1)
        )
    latest_news = news_articles().values_list("published_at", flat=True).first()
    if latest_news:
        entries.append(
            {"location": absolute_url(reverse("distribution:sitemap_news")), "lastmod": latest_news}
        )
    return xml_response(request, "sitemaps/index.xml", {"entries": entries})


@x_robots_tag
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """`/sitemap-news.xml`: the Google News sitemap."""
    context = {
        "articles": news_articles(),
        "publication_name": settings.SITE_NAME,
        "language": settings.SITE_LANGUAGE,
    }
    return xml_response(request, "sitemaps/news.xml", context)


def xml_response(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The rendered document with every character XML 1.0 cannot hold removed."""
    text = render_to_string(template, context, request=request)
    return HttpResponse(clean_text(text), content_type="application/xml")
