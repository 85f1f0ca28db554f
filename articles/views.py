"""Public pages for readers: home, article, section front, tag page, author page, corrections,
and the latest stories (in full, or of one year, month or day)."""

from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.generic import ListView
from taggit.models import Tag

from articles.article_page import public_article, shown_tags
from articles.context_processors import kept_navigation_sections
from articles.curation import front_page
from articles.models import Article, Correction, Section
from articles.pagination import KeptCountPaginator
from authors.models import Author
from core.cache.pages import page_shows
from core.cache.tags import HOME, tag_for
from core.prepared import prepared
from richtext.csp import allow_frames
from richtext.rendering import frame_origins

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    """The front page: lead, secondary stories, picks, latest, then a rail per section."""
    page = front_page(kept_navigation_sections())
    page_shows(HOME)
    return render(request, "articles/home.html", {"front": page})


def article_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    article = public_article(pk)
    if article is None:
        raise Http404("No public article with this address.")
    if slug != article.slug:
        return redirect(article, permanent=True)
    page_shows(*shown_tags(article))
    response = render(request, "articles/article_detail.html", {"article": article})
    return allow_frames(request, response, frame_origins(article.body))


def article_shortlink(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().only("id", "slug"), pk=pk)
    return redirect(article, permanent=True)


@prepared()
def _public_tag(*, slug: str, now: datetime):
    # Read from the tag's timeline up to now: its newest entries are the drafts (no time) and
    # the scheduled stories, which a plain tags() check would walk first (375 of them, 1.5 ms,
    # for a tag of the million-article benchmark; now one entry).
    stories = Article.objects.published(at=now).newest_tagged(OuterRef("pk"), at=now)
    return Tag.objects.filter(Exists(stories), slug=slug)


@prepared()
def _section_and_children(*, slug: str):
    """The section `slug` (with its parent) and its subsections: one query for both."""
    return Section.objects.select_related("parent").filter(Q(slug=slug) | Q(parent__slug=slug))


@prepared()
def _author(*, slug: str):
    return Author.objects.select_related("photo").filter(slug=slug)


def _one_or_404(found: list, what: str):
    if not found:
        raise Http404(f"No {what} with this address.")
    return found[0]


def public_tag_or_404(slug: str) -> Tag:
    """The tag named `slug` if at least one public story carries it (one query): a tag used
    only by drafts has no page and no feed, which would confirm what a draft is about."""
    return _one_or_404(_public_tag(slug=slug, now=timezone.now()), "public tag")


def section_stories(section_id: int, now: datetime):
    return Article.objects.published(at=now).in_section(section_id).newest_first()


def tagged_stories(tag_id: int, now: datetime):
    return Article.objects.published(at=now).newest_tagged(tag_id, at=now)


def stories_by(author_id: int, now: datetime):
    return Article.objects.published(at=now).newest_by(author_id, at=now)


# From this many stories back, a page picks its ids first and loads only their rows.
DEFERRED_FROM = 200


@prepared(shape=["stories", "bottom", "top", "deferred"])
def _page_of(*, stories, owner_id: int, now: datetime, bottom: int, top: int, deferred: bool):
    """Teasers `bottom` to `top` of `stories(owner_id, now)` (bylines attached separately).

    A page further back than the first ten skips `bottom` stories: with whole rows that read
    every skipped story's row (178 ms for page 303 of a section at a million articles). Its
    ids are picked first from the index alone, then only the page's rows are read (49 ms).
    `deferred` is the caller's choice rather than derived here so that it is part of the shape.
    """
    if not deferred:
        return stories(owner_id, now).for_listing()[bottom:top]
    ids = stories(owner_id, now).values("pk")[bottom:top]
    cards = stories(owner_id, now).for_listing()
    return cards.filter(pk__in=ids)


@prepared(shape=["stories", "limit"])
def _first_ids(*, stories, owner_id: int, now: datetime, limit: int):
    """The ids of the first `limit` stories of `stories(owner_id, now)`, in no order: what the
    page links count (a `COUNT(*)` compiled on every count cost twice as much CPU)."""
    return stories(owner_id, now).order_by().values_list("pk", flat=True)[:limit]


class ArticleListView(ListView):
    """A paginated list of public teasers; bad or out-of-range `?page=` answers 404.

    Subclasses define `list_tag` (the cache tag of what the list is made of, bumped whenever a
    story joins or leaves it) and `stories()`, the public articles the page lists, newest first.
    A list of one section, tag or author also names `stories_of(owner_id, now)` and sets
    `owner_id`: its pages are then read by a prepared query.
    """

    paginate_by = PAGE_SIZE
    context_object_name = "articles"
    list_tag = ""
    stories_of = None
    owner_id = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.now = timezone.now()

    def stories(self):
        return self.stories_of(self.owner_id, self.now)

    def get_queryset(self):
        page_shows(self.list_tag)
        if self.stories_of is not None:
            # Its page and its count are read by prepared queries (`paginate_queryset`,
            # `get_paginator`): building the queryset they stand for would be wasted work.
            return Article.objects.none()
        return self.stories().for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        count_to = None
        if self.stories_of is not None:

            def count_to(limit: int) -> int:
                ids = _first_ids(
                    stories=type(self).stories_of, owner_id=self.owner_id, now=self.now, limit=limit
                )
                return len(ids)

        return KeptCountPaginator(
            queryset, per_page, list_tag=self.list_tag, count_to=count_to, **kwargs
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        if self.stories_of is not None:
            bottom = (page.number - 1) * paginator.per_page
            # The page's full size even when the list is shorter: one SQL for every length.
            top = bottom + paginator.per_page + (0 if page.has_next() else paginator.orphans)
            rows = page.object_list = _page_of(
                stories=type(self).stories_of,
                owner_id=self.owner_id,
                now=self.now,
                bottom=bottom,
                top=top,
                deferred=bottom >= DEFERRED_FROM,
            )
        return paginator, page, rows, is_paginated


class SectionFrontView(ArticleListView):
    template_name = "articles/section_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        found = _section_and_children(slug=kwargs["slug"])
        self.section = _one_or_404([s for s in found if s.slug == kwargs["slug"]], "section")
        self.children = sorted(
            (section for section in found if section.parent_id == self.section.pk),
            key=lambda section: (section.position, section.name),
        )
        self.list_tag = tag_for(self.section)
        self.owner_id = self.section.pk

    stories_of = staticmethod(section_stories)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            children=self.children,
            current_section_id=self.section.pk,  # marked in the navigation
            **kwargs,
        )


class LatestView(ArticleListView):
    """Every public story, newest first: the home page's "Latest stories" in full."""

    template_name = "articles/latest.html"
    list_tag = HOME

    def stories(self):
        return Article.objects.published(at=self.now).newest_first()


class DateArchiveView(LatestView):
    """The public stories of one year, month or day, newest first (`/latest/2013/03/`): where
    an imported blog's date archives (`/2013/03/`) lead. Days are this site's `TIME_ZONE`."""

    template_name = "articles/date_archive.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        year, month, day = (int(kwargs.get(part) or 0) for part in ("year", "month", "day"))
        try:
            start = datetime(year, month or 1, day or 1)
        except ValueError:
            raise Http404("No such date.") from None
        if day:
            end, self.period = start + timedelta(days=1), f"{start.day} {start:%B %Y}"
        elif month:
            end, self.period = (start + timedelta(days=31)).replace(day=1), f"{start:%B %Y}"
        else:
            end, self.period = (start.replace(year=year + 1) if year < 9999 else start), str(year)
        self.start, self.end = timezone.make_aware(start), timezone.make_aware(end)

    def stories(self):
        return super().stories().filter(published_at__gte=self.start, published_at__lt=self.end)

    def get_paginator(self, queryset, per_page, **kwargs):
        return Paginator(queryset, per_page, **kwargs)  # the kept count is the whole list's

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)


class TagPageView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.tag = public_tag_or_404(kwargs["slug"])
        self.list_tag = tag_for(self.tag)
        self.owner_id = self.tag.pk

    stories_of = staticmethod(tagged_stories)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class CorrectionsView(ListView):
    """Every correction and update note on public articles, newest first."""

    paginate_by = PAGE_SIZE
    context_object_name = "corrections"
    template_name = "articles/corrections.html"

    def get_queryset(self):
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article")
            .only("kind", "text", "noted_at", "article__id", "article__slug", "article__headline")
            .order_by("-noted_at", "-id")
        )


class AuthorPageView(ArticleListView):
    """An author's profile and their public stories."""

    template_name = "authors/author_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.author = _one_or_404(_author(slug=kwargs["slug"]), "author")
        self.list_tag = tag_for(self.author)
        self.owner_id = self.author.pk

    stories_of = staticmethod(stories_by)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
