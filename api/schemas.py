"""The API's shapes: what each endpoint answers and accepts (the OpenAPI schema is made from
these). Responses are validated against them before they are sent, so the schema cannot drift
from what callers get."""

from datetime import datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator


def _aware(value: datetime | None) -> datetime | None:
    """A time without an offset is read in the site's time zone (TIME_ZONE), like the admin's."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


Moment = Annotated[datetime, AfterValidator(_aware)]
# Row ids as the database stores them (64-bit): a larger number is a 422, not a crash.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class SectionRef(Schema):
    id: int
    name: str
    slug: str


class Section(SectionRef):
    description: str
    parent_id: int | None
    url: str


class AuthorRef(Schema):
    id: int
    name: str
    slug: str


class Author(AuthorRef):
    job_title: str
    bio: str
    url: str
    photo: str | None


class Tag(Schema):
    id: int
    name: str
    slug: str
    url: str


class Rendition(Schema):
    family: str = Field(description="Crop: 16x9, 4x3, 1x1, social or original ratio (“free”).")
    width: int
    height: int
    format: str
    url: str


class LeadImage(Schema):
    id: int
    url: str = Field(description="The cleaned original.")
    alt: str
    caption: str
    credit: str
    width: int
    height: int
    renditions: list[Rendition] = Field(description="Empty until the renditions are made.")


class Seo(Schema):
    title: str = Field(description="SEO title, else the headline.")
    description: str = Field(description="Meta description, else the standfirst.")
    social_title: str
    social_description: str
    social_image: str | None


class ArticleSummary(Schema):
    id: int
    headline: str
    slug: str
    standfirst: str
    status: str = Field(description="Always “published” for anonymous callers.")
    url: str = Field(description="Canonical URL on SITE_URL.")
    section: SectionRef
    byline: list[AuthorRef]
    tags: list[str]
    published_at: datetime | None
    updated_at: datetime | None
    modified_at: datetime
    lead_image: LeadImage | None
    seo: Seo


class Correction(Schema):
    id: int
    article_id: int
    kind: str
    text: str
    noted_at: datetime


class Article(ArticleSummary):
    body: str = Field(description="Sanitized HTML, rendered as on the site.")
    version: int = Field(description='The revision number; its ETag is “"v<version>"”.')
    corrections: list[Correction]


class Page(Schema):
    id: int
    title: str
    path: str
    status: str
    url: str
    seo_title: str
    seo_description: str
    updated_at: datetime


class PageDetail(Page):
    body: str


class ArticleList(Schema):
    results: list[ArticleSummary]
    next: str | None = Field(description="The cursor of the next page, null on the last.")


class SectionList(Schema):
    results: list[Section]
    next: str | None


class AuthorList(Schema):
    results: list[Author]
    next: str | None


class TagList(Schema):
    results: list[Tag]
    next: str | None


class PageList(Schema):
    results: list[Page]
    next: str | None


class CorrectionList(Schema):
    results: list[Correction]
    next: str | None


class ProblemField(Schema):
    field: str
    detail: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemField] = []


class ArticleWrite(Schema):
    """A draft's fields. On update every field is optional; HTML bodies are sanitized."""

    headline: str = Field(max_length=300)
    section: Id = Field(description="Section id.")
    standfirst: str = ""
    body: str = Field("", description="HTML; sanitized with the site's allowlist.")
    slug: str = ""
    tags: list[str] = []
    authors: list[Id] = Field([], description="Author ids, in byline order.")


class ArticlePatch(Schema):
    headline: str | None = Field(None, max_length=300)
    section: Id | None = None
    standfirst: str | None = None
    body: str | None = None
    slug: str | None = None
    tags: list[str] | None = None
    authors: list[Id] | None = None


class TransitionIn(Schema):
    action: Literal["submit", "approve", "return_to_draft", "publish", "schedule", "unpublish"]
    at: Moment | None = Field(None, description="The publication time, for “schedule”.")
