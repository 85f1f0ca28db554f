"""The published pages for the sitemap index (`distribution.sitemaps` lists this class)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from pages.models import Page


class PageSitemap(Sitemap):
    """Every published page, at its canonical SITE_URL location, with its last change."""

    limit = 50_000

    def items(self):
        return Page.objects.published().only("path", "updated_at").order_by("path")

    def lastmod(self, item: Page):
        return item.updated_at

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc
