"""Schema.org JSON-LD for search engines, built as plain dicts and rendered safely.

The builders return dicts so tests and other code can read them; `json_ld()` renders one as a
`<script type="application/ld+json">` element whose content can never close the tag early.
Everything here reads only what the page already loaded: no queries.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Section
from authors.models import Author
from branding.brand import current_brand
from core.reversing import cached_reverse
from core.static_urls import static_url
from distribution.absolute import absolute_url
from distribution.lead_image import lead_image_crops

CONTEXT = "https://schema.org"


def json_ld(data: dict) -> SafeString:
    """`data` as a JSON-LD script element, escaped so no value can break out of it.

    The escapes are Django's json_script's: "<", ">" and "&" cannot end or open a tag. They
    are three `replace()` calls rather than one `translate()`: a text holding one character
    beyond Latin-1 (a curly quote in a headline) sends `translate()` through a slow path,
    0.4 ms for a tag page's list of stories."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def home_url() -> str:
    return absolute_url(cached_reverse("articles:home"))


def organization() -> dict:
    """The publisher, with its logo: the brand's raster logo (at least 600×60), else
    PUBLISHER_LOGO."""
    brand = current_brand()
    if brand and brand.publisher_logo_url:
        width, height = brand.publisher_logo_size
        logo = {
            "@type": "ImageObject",
            "url": absolute_url(brand.publisher_logo_url),
            "width": width,
            "height": height,
        }
    else:
        path = settings.PUBLISHER_LOGO
        url = path if path.startswith(("http://", "https://")) else static_url(path)
        logo = {"@type": "ImageObject", "url": absolute_url(url)}
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": home_url(), "logo": logo}


def person(author: Author) -> dict:
    data = {
        "@type": "Person",
        "name": author.name,
        "url": absolute_url(author.get_absolute_url()),
    }
    if author.job_title:
        data["jobTitle"] = author.job_title
    if author.bio:
        data["description"] = author.bio
    if author.photo:
        data["image"] = absolute_url(author.photo.original_url())
    if author.social_links:
        data["sameAs"] = [url for _label, url in author.social_links]
    return data


def news_article(article: Article) -> dict:
    """`NewsArticle` for an article page (bylines, section and tags already loaded)."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.search_description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at,
        "dateModified": article.updated_at or article.published_at,
        "author": [person(author) for author in article.byline_authors],
        "publisher": organization(),
        "articleSection": article.section.name,
        "inLanguage": settings.SITE_LANGUAGE,
        "isAccessibleForFree": True,
    }
    images = lead_image_crops(article)  # 16:9, 4:3 and 1:1, as Google asks
    if images:
        data["image"] = [
            {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}
            for image in images
        ]
    if article.seo_title and article.seo_title != article.headline:
        data["alternativeHeadline"] = article.seo_title
    tags = [tag.name for tag in article.tag_list]
    if tags:
        data["keywords"] = tags
    corrections = list(article.corrections.all())
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": note.text, "datePublished": note.noted_at}
            for note in corrections
        ]
        data["dateModified"] = max(data["dateModified"], *(note.noted_at for note in corrections))
    return data


def breadcrumbs(article: Article) -> dict:
    """`BreadcrumbList`: Home › (parent section ›) Section › Article."""
    trail = [(settings.SITE_NAME, home_url())]
    if article.section.parent_id:
        parent = article.section.parent
        trail.append((parent.name, absolute_url(parent.get_absolute_url())))
    trail.append((article.section.name, absolute_url(article.section.get_absolute_url())))
    trail.append((article.headline, absolute_url(article.get_absolute_url())))
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def profile_page(author: Author) -> dict:
    """`ProfilePage` whose main entity is the author as a `Person`."""
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": absolute_url(author.get_absolute_url()),
        "mainEntity": person(author),
    }


def website() -> dict:
    """`WebSite` with the search box engines may show (`/search/?q=`)."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "description": settings.SITE_DESCRIPTION,
        "url": home_url(),
        "inLanguage": settings.SITE_LANGUAGE,
        "publisher": organization(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{absolute_url('/search/')}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def collection_page(name: str, url: str, articles, description: str = "") -> dict:
    """`CollectionPage` for a front (section or tag) listing `articles`."""
    data = {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": absolute_url(url),
        "isPartOf": {"@type": "WebSite", "name": settings.SITE_NAME, "url": home_url()},
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": absolute_url(article.get_absolute_url()),
                    "name": article.headline,
                }
                for position, article in enumerate(articles, start=1)
            ],
        },
    }
    if description:
        data["description"] = description
    return data


def section_front(section: Section, articles) -> dict:
    return collection_page(
        section.name, section.get_absolute_url(), articles, description=section.description
    )
