"""RSS feed of the latest public stories (`/feed/`)."""

from django.conf import settings
from django.contrib.syndication.views import Feed

from newsroom.caching import cache_for_readers

from .models import Article

FEED_SIZE = 30


class LatestStoriesFeed(Feed):
    link = "/"

    def __call__(self, request, *args, **kwargs):
        cache_for_readers("feeds")
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return settings.SITE_NAME

    def description(self) -> str:
        return settings.SITE_DESCRIPTION

    def items(self):
        return Article.objects.published().for_listing().newest_first()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.dek

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return ", ".join(author.name for author in item.byline_authors)

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name]
