"""Public pages for readers: home, article, section front, tag page and search."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView
from taggit.models import Tag

from newsroom.caching import cache_for_readers

from . import previews
from .article_page import page_tags, public_article
from .curation import home_stories
from .forms import SearchForm
from .models import Article, Correction, Section
from .pagination import KeptCountPaginator
from .search import RESULT_LIMIT, SearchTooSlow, highlight, search_articles, suggest

PAGE_SIZE = 20
HOME_LATEST = 12


def home(request: HttpRequest) -> HttpResponse:
    stories = home_stories(HOME_LATEST)
    cache_for_readers("home")
    return render(
        request,
        "articles/home.html",
        {"lead": stories.lead, "featured": stories.featured, "latest": stories.latest},
    )


def article_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    article = public_article(pk)
    if article is None:
        raise Http404("No public article with this address.")
    if slug != article.slug:
        return redirect(article, permanent=True)
    cache_for_readers(*page_tags(article))
    return render(request, "articles/article_detail.html", {"article": article})


def article_shortlink(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().only("id", "slug"), pk=pk)
    return redirect(article, permanent=True)


class ArticleListView(ListView):
    """A paginated list of public teasers; bad or out-of-range `?page=` answers 404.

    Subclasses define `list_tag` (the cache tag of what the list is made of, bumped whenever a
    story joins or leaves it) and `stories()`, the public articles the page lists.
    """

    paginate_by = PAGE_SIZE
    context_object_name = "articles"
    list_tag = ""

    def get_queryset(self):
        cache_for_readers(self.list_tag)
        return self.stories().for_listing().newest_first()

    def get_paginator(self, queryset, per_page, **kwargs):
        return KeptCountPaginator(queryset, per_page, list_tag=self.list_tag, **kwargs)


class SectionFrontView(ArticleListView):
    template_name = "articles/section_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.section = get_object_or_404(
            Section.objects.select_related("parent"), slug=kwargs["slug"]
        )
        self.list_tag = f"section:{self.section.pk}"

    def stories(self):
        return Article.objects.published().in_section(self.section)

    def get_context_data(self, **kwargs):
        children = self.section.children.order_by("position", "name")
        return super().get_context_data(
            section=self.section,
            children=children,
            current_section_id=self.section.pk,  # marked in the navigation
            **kwargs,
        )


class TagPageView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])
        self.list_tag = f"tag:{self.tag.pk}"

    def stories(self):
        return Article.objects.published().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


def article_preview(request: HttpRequest, token: str) -> HttpResponse:
    """A shared preview link: signed, expiring, readable without an account."""
    return previews.render_preview(request, previews.article_from_token(token))


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


def search(request: HttpRequest) -> HttpResponse:
    """Reader search: 200 with results or a message; 400 when the form itself is invalid."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": ""}
    if not form.is_bound:
        return render(request, "articles/search.html", context)
    if not form.is_valid():
        return render(request, "articles/search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["query"] = query
    if not query:
        return render(request, "articles/search.html", context)
    try:
        results = search_articles(query, form.filters())
    except SearchTooSlow:
        context["too_slow"] = True
        return render(request, "articles/search.html", context)
    paginator = Paginator(results, PAGE_SIZE)
    number = form.cleaned_data["page"] or 1
    context.update(paginator=paginator, requested_page=number, result_limit=RESULT_LIMIT)
    if paginator.count == 0:
        context["suggestion"] = suggest(query)
    elif number <= paginator.num_pages:
        page = paginator.page(number)
        articles = list(page.object_list)
        highlight(articles, query)
        context.update(page_obj=page, articles=articles)
    return render(request, "articles/search.html", context)
