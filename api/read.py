"""The read endpoints: articles, sections, authors, tags, pages and corrections.

Every list is a keyset page (`api.cursors`) of a queryset chosen by `api.content` for the
caller, so filters and search can only narrow what the caller may see.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from ninja import Query, Router

from api import content, cursors, schemas
from api.auth import READERS
from api.caching import answer, respond
from api.problems import field_problem
from articles.models import Section
from authors.models import Author
from core.cache.tags import HOME, MENUS, NAV, SITEMAPS, tag_for
from search.engine import search_articles
from search.forms import SearchTermsField
from search.query import MAX_QUERY_LENGTH, SearchTooSlow

router = Router(auth=READERS, tags=["read"])
ERRORS = {400: schemas.Problem, 401: schemas.Problem, 429: schemas.Problem}
Limit = Query(cursors.DEFAULT_LIMIT, ge=1, le=cursors.MAX_LIMIT, description="Page size.")
Cursor = Query(None, description="The `next` of the previous page.")
UPDATED_SINCE = Query(None, description="Saved at or after this time (ISO 8601).")
PUBLISHED_AFTER = Query(None, description="Published at or after this time.")
PUBLISHED_BEFORE = Query(None, description="Published before this time.")
# API ordering → the sort key; drafts have no publication time, so they sort by creation.
ORDERINGS = {
    "-published_at": "-when",
    "published_at": "when",
    "-modified_at": "-modified_at",
    "modified_at": "modified_at",
}
QUERY_FIELD = SearchTermsField(required=False, max_length=MAX_QUERY_LENGTH)


def _listing(schema, rows: list, next_cursor: str | None, serialize) -> dict:
    return schema.model_validate(
        {"results": [serialize(row) for row in rows], "next": next_cursor}
    ).model_dump(mode="json")


def _slug(field: str, value: str) -> str:
    """A slug filter as the database can take it (PostgreSQL refuses NUL in strings)."""
    if "\x00" in value or len(value) > 255:
        raise field_problem(field, "Give the slug of an existing object.")
    return value


def _searched(articles, q: str):
    try:
        text = QUERY_FIELD.clean(q)
    except ValidationError as error:
        raise field_problem("q", " ".join(error.messages)) from None
    if not text:
        return articles
    try:
        found = search_articles(text, base=articles)
    except SearchTooSlow:
        raise field_problem("q", "This search takes too long: add a word or a filter.") from None
    return articles.filter(pk__in=found.order_by().values("pk"))


@router.get("/articles/", response={200: schemas.ArticleList, **ERRORS})
def list_articles(
    request: HttpRequest,
    section: str | None = Query(None, description="Section slug (child sections included)."),
    tag: str | None = Query(None, description="Tag slug."),
    author: str | None = Query(None, description="Author slug."),
    q: str | None = Query(None, description="Search, with the site search's syntax."),
    updated_since: schemas.Moment | None = UPDATED_SINCE,
    published_after: schemas.Moment | None = PUBLISHED_AFTER,
    published_before: schemas.Moment | None = PUBLISHED_BEFORE,
    ordering: Literal["-published_at", "published_at", "-modified_at", "modified_at"] = Query(
        "-published_at", description="Sort order; ties are broken by id."
    ),
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    """Articles the caller may see, newest first by default."""
    caller = request.auth

    def make():
        articles = content.articles_for(caller)
        if section:
            articles = content.in_section(articles, _slug("section", section))
        if tag:
            articles = articles.filter(tagged_items__tag__slug=_slug("tag", tag))
        if author:
            articles = articles.filter(bylines__author__slug=_slug("author", author))
        if updated_since:
            articles = articles.filter(modified_at__gte=updated_since)
        if published_after:
            articles = articles.filter(published_at__gte=published_after)
        if published_before:
            articles = articles.filter(published_at__lt=published_before)
        if q:
            articles = _searched(articles, q)
        articles = content.for_list(articles).annotate(when=Coalesce("published_at", "created_at"))
        rows, next_cursor = cursors.page(articles, ORDERINGS[ordering], cursor, limit)
        data = _listing(schemas.ArticleList, rows, next_cursor, content.article_summary)
        return answer(data, {HOME, *(tag_for(row) for row in rows)})

    return respond(request, caller, make)


@router.get(
    "/articles/{int:article_id}/", response={200: schemas.Article, 404: schemas.Problem, **ERRORS}
)
def get_article(request: HttpRequest, article_id: int):
    """One article with its body (sanitized HTML, as the site renders it) and corrections.

    The ETag starts with the revision (`"v12-…"`): send it back in `If-Match` to update."""
    caller = request.auth

    def make():
        if article_id > schemas.MAX_ID:
            return None
        article = content.for_detail(content.articles_for(caller)).filter(pk=article_id).first()
        if article is None:
            return None
        data = schemas.Article.model_validate(content.article_detail(article))
        return answer(
            data.model_dump(mode="json"), {HOME, tag_for(article)}, f"v{article.version}-"
        )

    return respond(request, caller, make, missing="No such article.")


@router.get("/sections/", response={200: schemas.SectionList, **ERRORS})
def list_sections(request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit):
    """Every section (sections are public, with or without stories)."""

    def make():
        rows, next_cursor = cursors.page(Section.objects.all(), "id", cursor, limit)
        return answer(_listing(schemas.SectionList, rows, next_cursor, content.section), {NAV})

    return respond(request, request.auth, make)


@router.get("/authors/", response={200: schemas.AuthorList, **ERRORS})
def list_authors(request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit):
    """Every author profile (each has a public page)."""

    def make():
        authors = Author.objects.select_related("photo")
        rows, next_cursor = cursors.page(authors, "id", cursor, limit)
        data = _listing(schemas.AuthorList, rows, next_cursor, content.author)
        return answer(data, {HOME, *(tag_for(row) for row in rows)})

    return respond(request, request.auth, make)


@router.get("/tags/", response={200: schemas.TagList, **ERRORS})
def list_tags(request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit):
    """Tags carried by articles the caller may see."""
    caller = request.auth

    def make():
        rows, next_cursor = cursors.page(content.tags_for(caller), "id", cursor, limit)
        data = _listing(schemas.TagList, rows, next_cursor, content.tag)
        return answer(data, {HOME, *(tag_for(row) for row in rows)})

    return respond(request, caller, make)


@router.get("/pages/", response={200: schemas.PageList, **ERRORS})
def list_pages(request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit):
    """Standing pages (About, policies): published ones, and drafts for editors' tokens."""
    caller = request.auth

    def make():
        rows, next_cursor = cursors.page(
            content.pages_for(caller).defer("body", "body_seal"), "id", cursor, limit
        )
        data = _listing(schemas.PageList, rows, next_cursor, content.page)
        return answer(data, {MENUS, SITEMAPS, *(tag_for(row) for row in rows)})

    return respond(request, caller, make)


@router.get(
    "/pages/{int:page_id}/", response={200: schemas.PageDetail, 404: schemas.Problem, **ERRORS}
)
def get_page(request: HttpRequest, page_id: int):
    caller = request.auth

    def make():
        if page_id > schemas.MAX_ID:
            return None
        found = content.pages_for(caller).filter(pk=page_id).first()
        if found is None:
            return None
        data = schemas.PageDetail.model_validate(content.page(found, with_body=True))
        return answer(data.model_dump(mode="json"), {MENUS, SITEMAPS, tag_for(found)})

    return respond(request, caller, make, missing="No such page.")


@router.get("/corrections/", response={200: schemas.CorrectionList, **ERRORS})
def list_corrections(request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit):
    """Corrections and update notes on articles the caller may see, newest first."""
    caller = request.auth

    def make():
        notes = content.corrections_for(caller)
        rows, next_cursor = cursors.page(notes, "-noted_at", cursor, limit)
        data = _listing(schemas.CorrectionList, rows, next_cursor, content.correction)
        return answer(data, {HOME})

    return respond(request, caller, make)
