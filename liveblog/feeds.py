"""A feed per live blog: its latest published entries, so feed readers follow the coverage.

Built on the site's feed classes (`distribution.feeds`), cached like them, and retired by the
live blog's tag, so a new entry reaches the feed as soon as it reaches the page.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.cache.pages import page_shows
from core.sanitize import shown_html
from distribution.absolute import absolute_url
from distribution.feeds import AtomMixin, NewsRssFeed, absolute_links
from liveblog.models import Entry, LiveBlog
from liveblog.reading import blog_tags, public_blog

FEED_SIZE = 30


class LiveBlogFeed(Feed):
    feed_type = NewsRssFeed

    def get_object(self, request, pk: int) -> LiveBlog:
        blog = public_blog(pk)
        if blog is None:
            raise Http404("No live blog of a public article here.")
        return blog

    def get_feed(self, obj, request):
        page_shows(*blog_tags(obj.pk))
        return super().get_feed(obj, request)

    def items(self, obj: LiveBlog):
        return obj.entries.published().for_display()[:FEED_SIZE]

    @property
    def language(self) -> str:
        return settings.SITE_LANGUAGE

    def title(self, obj: LiveBlog) -> str:
        return f"{settings.SITE_NAME}: {obj.article.headline} (live)"

    def link(self, obj: LiveBlog) -> str:
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj: LiveBlog) -> str:
        return absolute_url(reverse("liveblog:feed", kwargs={"pk": obj.pk}))

    def description(self, obj: LiveBlog) -> str:
        return obj.article.standfirst or obj.article.headline

    def subtitle(self, obj: LiveBlog) -> str:
        return self.description(obj)

    def author_name(self, obj: LiveBlog) -> str:
        return settings.SITE_NAME

    def item_title(self, item: Entry) -> str:
        return Truncator(strip_tags(item.body)).words(12) or f"Update {item.number}"

    def item_link(self, item: Entry) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: Entry) -> str:
        return self.item_link(item)

    def item_description(self, item: Entry) -> str:
        return Truncator(strip_tags(item.body)).words(40)

    def item_pubdate(self, item: Entry):
        return item.published_at

    def item_updateddate(self, item: Entry):
        return item.corrected_at or item.published_at

    def item_extra_kwargs(self, item: Entry) -> dict:
        author = item.author
        return {
            "content": absolute_links(shown_html(item.body, item.body_seal)),
            "bylines": [(author.name, absolute_url(author.get_absolute_url()))] if author else [],
            "image": None,
        }


class LiveBlogAtomFeed(AtomMixin, LiveBlogFeed):
    pass
