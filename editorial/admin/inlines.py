"""What an article's edit page holds besides its own fields: bylines, related stories, notes."""

from articles.models import Article, Byline, Correction, RelatedArticle
from core import admin


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in display order)"


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 1
    autocomplete_fields = ["target"]
    verbose_name_plural = "hand-picked related articles (in display order)"

    def get_queryset(self, request):
        """Links to what the user may not see stay, unshown: a row would name its target, and
        saving the form leaves rows it does not show alone."""
        visible = Article.objects.visible_to(request.user)
        return super().get_queryset(request).filter(target__in=visible)


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    verbose_name = "correction or update note"
    verbose_name_plural = "corrections and updates (shown at the end of the article)"
