"""Tags for the page head: canonical URLs, social-card images and JSON-LD blocks."""

from django import template
from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.safestring import SafeString
from taggit.models import Tag

from articles.models import Article, Section
from authors.models import Author
from core.reversing import cached_reverse
from distribution import structured_data
from distribution.absolute import absolute_url
from distribution.lead_image import LeadImage, library_image

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page on SITE_URL, without tracking parameters; `?page=N` kept beyond page one."""
    request = context.get("request")
    url = f"{settings.SITE_URL}{escape_uri_path(request.path) if request else '/'}"
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        url = f"{url}?page={page_obj.number}"
    return url


@register.simple_tag
def social_image(article: Article) -> LeadImage | None:
    """The picture for OpenGraph and Twitter cards: the social image, else the lead image."""
    return library_image(article.card_image)


@register.simple_tag
def article_json_ld(article: Article) -> SafeString:
    return structured_data.json_ld(structured_data.news_article(article)) + (
        structured_data.json_ld(structured_data.breadcrumbs(article))
    )


@register.simple_tag
def author_json_ld(author: Author) -> SafeString:
    return structured_data.json_ld(structured_data.profile_page(author))


@register.simple_tag
def website_json_ld() -> SafeString:
    return structured_data.json_ld(structured_data.website())


@register.simple_tag
def section_json_ld(section: Section, articles) -> SafeString:
    return structured_data.json_ld(structured_data.section_front(section, articles))


@register.simple_tag
def tag_json_ld(tag: Tag, articles) -> SafeString:
    url = cached_reverse("articles:tag", slug=tag.slug)
    return structured_data.json_ld(
        structured_data.collection_page(f"Stories tagged “{tag.name}”", url, articles)
    )


@register.filter
def absolute(url: str) -> str:
    """A site path made absolute on SITE_URL (for OpenGraph, which wants absolute URLs)."""
    return absolute_url(url)


@register.simple_tag
def twitter_site() -> str:
    """The publication's @handle for `twitter:site` (TWITTER_SITE), or empty."""
    return settings.TWITTER_SITE
