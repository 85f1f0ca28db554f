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
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag

from authors.models import Author

from .lead_image import LeadImage, absolute_url, lead_image
from .models import Article, Section

FEED_SIZE = 30
# Sanitized bodies (nh3) quote every attribute with double quotes, so a site-relative link
# or image source always reads `href="/` or `src="/`.
_SITE_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with `content:encoded`, one `dc:creator` per byline and `media:content`."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
        }

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


class NewsAtomFeed(Atom1Feed):
    """Atom with full `content`, one `author` per byline and the lead image as an enclosure."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["bylines"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})
        image: LeadImage | None = item["image"]
        if image:
            handler.addQuickElement(
                "link", "", {"rel": "enclosure", "href": image.url, "type": image.mime_type}
            )


def absolute_links(html: str) -> str:
    """`html` with site-relative links and images made absolute: feed readers have no base."""
    return _SITE_RELATIVE.sub(rf'\1="{settings.SITE_URL}/', html)


class ArticleFeed(Feed):
    """The latest public stories of `stories(obj)`; subclasses say which and where."""

    feed_type = NewsRssFeed
    url_name = "feed"

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return (
            self.stories(obj)
            .select_related("section")
            .with_bylines()
            .prefetch_related("tags")
            .newest_first()[:FEED_SIZE]
        )

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
        return item.dek

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at or item.published_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_extra_kwargs(self, item: Article) -> dict:
        return {
            "content": absolute_links(item.body),
            "bylines": [
                (author.name, absolute_url(author.get_absolute_url()))
                for author in item.byline_authors
            ],
            "image": lead_image(item),
        }


class AtomMixin:
    feed_type = NewsAtomFeed


class SiteFeed(ArticleFeed):
    """The whole site (`/feed/`)."""


class SiteAtomFeed(AtomMixin, SiteFeed):
    url_name = "feed_atom"


class SectionFeed(ArticleFeed):
    """A section front's stories, its child sections included."""

    url_name = "articles:section_feed"

    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def stories(self, obj):
        return Article.objects.published().in_section(obj)

    def url_kwargs(self, obj) -> dict:
        return {"slug": obj.slug}

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj) -> str:
        return obj.description or f"The latest stories in {obj.name}."


class SectionAtomFeed(AtomMixin, SectionFeed):
    url_name = "articles:section_atom"


class AuthorFeed(ArticleFeed):
    """Stories with the author on the byline."""

    url_name = "authors:feed"

    def get_object(self, request, slug: str) -> Author:
        return get_object_or_404(Author, slug=slug)

    def stories(self, obj):
        return Article.objects.published().by_author(obj)

    def url_kwargs(self, obj) -> dict:
        return {"slug": obj.slug}

    def description(self, obj) -> str:
        return obj.bio or f"The latest stories by {obj.name}."


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    url_name = "authors:atom"


class TagFeed(ArticleFeed):
    """Stories with the tag."""

    url_name = "articles:tag_feed"

    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def stories(self, obj):
        return Article.objects.published().tagged(obj)

    def url_kwargs(self, obj) -> dict:
        return {"slug": obj.slug}

    def link(self, obj) -> str:
        return absolute_url(reverse("articles:tag", kwargs={"slug": obj.slug}))

    def title(self, obj) -> str:
        return f"{settings.SITE_NAME}: stories tagged “{obj.name}”"

    def description(self, obj) -> str:
        return f"The latest stories tagged “{obj.name}”."


class TagAtomFeed(AtomMixin, TagFeed):
    url_name = "articles:tag_atom"
