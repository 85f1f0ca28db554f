"""Sitemaps: only public articles, and the pages that list them."""

from django.contrib.sitemaps import Sitemap
from django.db.models.functions import Coalesce

from authors.models import Author

from .models import Article, Section


class ArticleSitemap(Sitemap):
    limit = 50_000

    def items(self):
        return (
            Article.objects.published()
            .annotate(last_change=Coalesce("updated_at", "published_at"))
            .only("id", "slug", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item: Article):
        return item.last_change


class SectionSitemap(Sitemap):
    def items(self):
        return Section.objects.order_by("position", "name")


class AuthorSitemap(Sitemap):
    def items(self):
        return Author.objects.filter(bylines__article__in=Article.objects.published()).distinct()


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "authors": AuthorSitemap}
