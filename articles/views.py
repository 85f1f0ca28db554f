"""Public pages for readers: home, article, section front and tag page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView
from taggit.models import Tag

from .models import Article, Section

PAGE_SIZE = 20
HOME_LATEST = 12


def home(request: HttpRequest) -> HttpResponse:
    stories = list(Article.objects.published().for_listing().newest_first()[: HOME_LATEST + 1])
    lead, latest = (stories[0], stories[1:]) if stories else (None, [])
    return render(request, "articles/home.html", {"lead": lead, "latest": latest})


def article_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published()
        .select_related("section__parent", "lead_image")
        .with_bylines(photos=True)
        .prefetch_related("tags"),
        pk=pk,
    )
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


def article_shortlink(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().only("id", "slug"), pk=pk)
    return redirect(article, permanent=True)


class ArticleListView(ListView):
    """A paginated list of public teasers; bad or out-of-range `?page=` answers 404.

    Subclasses define `stories()`, the public articles the page lists.
    """

    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def get_queryset(self):
        return self.stories().for_listing().newest_first()


class SectionFrontView(ArticleListView):
    template_name = "articles/section_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.section = get_object_or_404(
            Section.objects.select_related("parent"), slug=kwargs["slug"]
        )

    def stories(self):
        return Article.objects.published().in_section(self.section)

    def get_context_data(self, **kwargs):
        children = self.section.children.order_by("position", "name")
        return super().get_context_data(section=self.section, children=children, **kwargs)


class TagPageView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.tag = get_object_or_404(Tag, slug=kwargs["slug"])

    def stories(self):
        return Article.objects.published().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)
