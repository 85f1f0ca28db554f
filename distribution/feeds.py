"""RSS 2.0 and Atom feeds: the whole site, each section, each author and each tag.

Every item carries the full sanitized body, its bylines, its section and tags as categories,
publication and update dates and the lead image. GUIDs are the article's short link
(`/articles/<pk>/`), so renaming an article never makes readers see it twice.
"""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from articles.models import Article, Section
from articles.views import public_tag_or_404
from authors.models import Author
from branding.brand import current_brand
from core.cache.pages import page_shows
from core.cache.tags import FEEDS, tag_for
from core.sanitize import shown_html
from core.text import CleanXMLFeed
from distribution.absolute import absolute_url
from distribution.lead_image import LeadImage, lead_image, with_lengths

FEED_SIZE = 30
# Sanitized bodies (nh3) quote every attribute with double quotes, so a site-relative link
# or image source always reads `href="/` or `src="/`.
_SITE_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


class NewsRssFeed(CleanXMLFeed, Rss201rev2Feed):
    """RSS 2.0 with `content:encoded`, one `dc:creator` per byline, and the lead image both as
    an `<enclosure>` (with its length in bytes, which RSS requires) and as `media:content`."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_root_elements(self, handler):
        """The channel `<image>`: the brand's 144-pixel icon (RSS's widest), else its logo."""
        super().add_root_elements(handler)
        brand = self.feed.get("brand")
        url = brand and (brand.icon_urls.get(144) or brand.publisher_logo_url)
        if url:
            handler.startElement("image", {})
            handler.addQuickElement("url", absolute_url(url))
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            if brand.icon_urls.get(144):
                handler.addQuickElement("width", "144")
                handler.addQuickElement("height", "144")
            handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["bylines"]:
            handler.addQuickElement("dc:creator", name)
        if item["content"]:
            handler.addQuickElement("content:encoded", item["content"])
        image: LeadImage | None = item["image"]
        if image:
            attrs = {"url": image.url, "medium": "image", "type": image.mime_type}
            handler.startElement("media:content", attrs)
            if image.alt:
                handler.addQuickElement("media:description", image.alt)
            handler.endElement("media:content")


class NewsAtomFeed(CleanXMLFeed, Atom1Feed):
    """Atom with full `content` and one `author` per byline (the lead image is an enclosure
    link, from `item_enclosures`)."""

    def add_root_elements(self, handler):
        """The brand's square `<icon>` and wide `<logo>`, when there is a brand."""
        super().add_root_elements(handler)
        brand = self.feed.get("brand")
        if brand and brand.feed_icon_url:
            handler.addQuickElement("icon", absolute_url(brand.feed_icon_url))
        if brand and brand.publisher_logo_url:
            handler.addQuickElement("logo", absolute_url(brand.publisher_logo_url))

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["bylines"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})


def absolute_links(html: str) -> str:
    """`html` with site-relative links and images made absolute: feed readers have no base."""
    return _SITE_RELATIVE.sub(rf'\1="{settings.SITE_URL}/', html)


class ArticleFeed(Feed):
    """The latest public stories of `stories(obj)` (newest first); subclasses say which and
    where."""

    feed_type = NewsRssFeed
    url_name = "distribution:feed"

    def get_feed(self, obj, request):
        """Readers' copies are cached; they go stale with any article change ("feeds") and
        with the section, author or tag the feed is about (its name is in the title)."""
        page_shows(FEEDS, *([tag_for(obj)] if obj else []))
        return super().get_feed(obj, request)

    def feed_extra_kwargs(self, obj) -> dict:
        return {"brand": current_brand()}

    def stories(self, obj):
        return Article.objects.published().newest_first()

    def items(self, obj):
        stories = list(
            self.stories(obj)
            .select_related("section", "lead_image")
            .with_bylines()
            .prefetch_related("tags")[:FEED_SIZE]
        )
        # Lead images with their file lengths (RSS enclosures need them), looked up at once.
        images = with_lengths([lead_image(story) for story in stories])
        for story, image in zip(stories, images, strict=True):
            story.feed_image = image
        return stories

    def url_kwargs(self, obj) -> dict:
        return {}

    def feed_url(self, obj) -> str:
        return absolute_url(reverse(self.url_name, kwargs=self.url_kwargs(obj)))

    def link(self, obj) -> str:
        return absolute_url(obj.get_absolute_url() if obj else "/")

    @property
    def language(self) -> str:
        """Django reads `language` as a plain attribute, so a property keeps it a setting."""
        return settings.SITE_LANGUAGE

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: {obj}" if obj else settings.SITE_NAME

    def author_name(self, obj) -> str:
        """Atom needs an author for entries without a byline: the publication."""
        return settings.SITE_NAME

    def subtitle(self, obj) -> str:
        return self.description(obj)

    def description(self, obj) -> str:
        return settings.SITE_DESCRIPTION

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_link(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        return absolute_url(reverse("articles:shortlink", kwargs={"pk": item.pk}))

    def item_description(self, item: Article) -> str:
        return item.standfirst

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at or item.published_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        """The lead image, when its length is known (RSS requires one; a wrong one misleads)."""
        image: LeadImage | None = item.feed_image
        if image is None or not image.length:
            return []
        return [Enclosure(image.url, str(image.length), image.mime_type)]

    def item_extra_kwargs(self, item: Article) -> dict:
        return {
            # Sanitized again on the way out unless sealed under today's rules: bodies stored
            # before a rule was added (external images, control characters) never reach a feed
            # reader.
            "content": absolute_links(shown_html(item.body, item.body_seal)),
            "bylines": [
                (author.name, absolute_url(author.get_absolute_url()))
                for author in item.byline_authors
            ],
            "image": item.feed_image,
        }


class AtomMixin:
    feed_type = NewsAtomFeed


class SiteFeed(ArticleFeed):
    """The whole site (`/feed/`)."""


class SiteAtomFeed(AtomMixin, SiteFeed):
    url_name = "distribution:feed_atom"


class SectionFeed(ArticleFeed):
    """A section front's stories, its child sections included."""

    url_name = "distribution:section_feed"

    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def stories(self, obj):
        return Article.objects.published().in_section(obj).newest_first()

    def url_kwargs(self, obj) -> dict:
        return {"slug": obj.slug}

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj) -> str:
        return obj.description or f"The latest stories in {obj.name}."


class SectionAtomFeed(AtomMixin, SectionFeed):
    url_name = "distribution:section_atom"


class AuthorFeed(ArticleFeed):
    """Stories with the author on the byline."""

    url_name = "distribution:author_feed"

    def get_object(self, request, slug: str) -> Author:
        return get_object_or_404(Author, slug=slug)

    def stories(self, obj):
        return Article.objects.published().newest_by(obj)

    def url_kwargs(self, obj) -> dict:
        return {"slug": obj.slug}

    def description(self, obj) -> str:
        return obj.bio or f"The latest stories by {obj.name}."


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    url_name = "distribution:author_atom"


class TagFeed(ArticleFeed):
    """Stories with the tag."""

    url_name = "distribution:tag_feed"

    def get_object(self, request, slug: str) -> Tag:
        return public_tag_or_404(slug)

    def stories(self, obj):
        return Article.objects.published().newest_tagged(obj)

    def url_kwargs(self, obj) -> dict:
        return {"slug": obj.slug}

    def link(self, obj) -> str:
        return absolute_url(reverse("articles:tag", kwargs={"slug": obj.slug}))

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: stories tagged “{obj.name}”"

    def description(self, obj) -> str:
        return f"The latest stories tagged “{obj.name}”."


class TagAtomFeed(AtomMixin, TagFeed):
    url_name = "distribution:tag_atom"
