"""Author profile pages: who the author is, and their public stories."""

from django.shortcuts import get_object_or_404

from articles.models import Article
from articles.views import ArticleListView

from .models import Author


class AuthorPageView(ArticleListView):
    template_name = "authors/author_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.author = get_object_or_404(Author.objects.select_related("photo"), slug=kwargs["slug"])
        self.list_tag = f"author:{self.author.pk}"

    def stories(self):
        return Article.objects.published().by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
