"""What a caller may see, and how each object looks in the API.

Anonymous callers see `Article.objects.published()` and nothing else, through every endpoint,
filter and search; a token's user sees what the admin shows them (`visible_to`: editors
everything, contributors their own work and the public stories). Lists load a fixed number of
queries whatever their length: the article row with its section and images joined, then one
query each for bylines and tags; bodies are loaded and rendered on the detail only.
"""

from django.db.models import Q

from api.tokens import Caller
from articles.models import Article, Correction, Section
from authors.models import Author
from core.reversing import cached_reverse
from distribution.absolute import absolute_url
from pages.models import Page
from richtext.rendering import render_body

JOINED = ("section", "lead_image", "social_image")


def articles_for(caller: Caller):
    if caller.is_anonymous:
        return Article.objects.published()
    return Article.objects.visible_to(caller.user).not_trashed()


def pages_for(caller: Caller):
    if not caller.is_anonymous and caller.user.has_perm("pages.view_page"):
        return Page.objects.all()
    return Page.objects.published()


def corrections_for(caller: Caller):
    return Correction.objects.filter(article__in=articles_for(caller).values("pk"))


def tags_for(caller: Caller):
    return articles_for(caller).tags()


def for_list(articles):
    """An article list's rows: no body, relations in three queries in all."""
    return (
        articles.select_related(*JOINED)
        .defer("body", "body_seal", "search_vector")
        .prefetch_related(Article.objects.bylines_prefetch(), "tags")
    )


def for_detail(articles):
    return articles.select_related(*JOINED).prefetch_related(
        Article.objects.bylines_prefetch(), "tags", "corrections"
    )


def in_section(articles, slug: str):
    return articles.filter(Q(section__slug=slug) | Q(section__parent__slug=slug))


def image(picture) -> dict | None:
    if picture is None:
        return None
    renditions = []
    if picture.renditions_ready:
        for rendition in picture.rendition_plan:
            for extension in rendition.formats:
                url = picture.rendition_url(rendition, extension)
                renditions.append(
                    {
                        "family": rendition.family,
                        "width": rendition.width,
                        "height": rendition.height,
                        "format": extension,
                        "url": absolute_url(url),
                    }
                )
    return {
        "id": picture.pk,
        "url": absolute_url(picture.file.url),
        "alt": picture.alt_text,
        "caption": picture.caption,
        "credit": picture.credit,
        "width": picture.width,
        "height": picture.height,
        "renditions": renditions,
    }


def section_ref(section: Section) -> dict:
    return {"id": section.pk, "name": section.name, "slug": section.slug}


def article_summary(article: Article) -> dict:
    card = article.card_image
    return {
        "id": article.pk,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "status": article.status,
        "url": absolute_url(article.get_absolute_url()),
        "section": section_ref(article.section),
        "byline": [
            {"id": author.pk, "name": author.name, "slug": author.slug}
            for author in article.byline_authors
        ],
        "tags": sorted((tag.name for tag in article.tags.all()), key=str.lower),
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "modified_at": article.modified_at,
        "lead_image": image(article.lead_image),
        "seo": {
            "title": article.search_title,
            "description": article.search_description,
            "social_title": article.card_title,
            "social_description": article.card_description,
            "social_image": absolute_url(card.social_url()) if card else None,
        },
    }


def correction(note: Correction) -> dict:
    return {
        "id": note.pk,
        "article_id": note.article_id,
        "kind": note.kind,
        "text": note.text,
        "noted_at": note.noted_at,
    }


def article_detail(article: Article) -> dict:
    return {
        **article_summary(article),
        "body": str(render_body(article.body, article.body_seal)),
        "version": article.version,
        "corrections": [correction(note) for note in article.corrections.all()],
    }


def section(item: Section) -> dict:
    return {
        **section_ref(item),
        "description": item.description,
        "parent_id": item.parent_id,
        "url": absolute_url(item.get_absolute_url()),
    }


def author(item: Author) -> dict:
    return {
        "id": item.pk,
        "name": item.name,
        "slug": item.slug,
        "job_title": item.job_title,
        "bio": item.bio,
        "url": absolute_url(item.get_absolute_url()),
        "photo": absolute_url(item.photo.file.url) if item.photo_id else None,
    }


def tag(item) -> dict:
    return {
        "id": item.pk,
        "name": item.name,
        "slug": item.slug,
        "url": absolute_url(cached_reverse("articles:tag", slug=item.slug)),
    }


def page(item: Page, with_body: bool = False) -> dict:
    data = {
        "id": item.pk,
        "title": item.title,
        "path": item.path,
        "status": item.status,
        "url": absolute_url(item.get_absolute_url()),
        "seo_title": item.seo_title,
        "seo_description": item.seo_description,
        "updated_at": item.updated_at,
    }
    if with_body:
        data["body"] = str(render_body(item.body, item.body_seal))
    return data
