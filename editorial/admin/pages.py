"""The article admin's own pages: the edit page's context, preview, revisions, upcoming.

URLs and names are the admin's (`admin:articles_article_revisions` and so on), under
/admin/articles/article/.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.models import Article, Revision
from editorial import previews, revisions, workflow
from editorial.prepublish import publish_warnings


class ArticlePagesMixin:
    """For `ArticleAdmin`: the extra views, each checking the same permissions as the edit page.
    The edit and add pages carry the writer's desk (`WritersDeskMixin.desk_context`)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upcoming/", view(self.upcoming_view), name="articles_article_upcoming"),
            path("<int:pk>/preview/", view(self.preview_view), name="articles_article_preview"),
            path(
                "<int:pk>/preview/revoke/",
                view(require_POST(self.revoke_previews_view)),
                name="articles_article_revoke_previews",
            ),
            path(
                "<int:pk>/revisions/", view(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/revisions/<int:number>/restore/",
                view(require_POST(self.restore_view)),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = extra_context or {}
        if article is not None:
            extra.update(
                steps=workflow.buttons(article, request.user),
                warnings=publish_warnings(article),
                share_url=(
                    request.build_absolute_uri(previews.preview_url(article))
                    if workflow.can_preview(request.user, article)
                    else ""
                ),
                share_hours=previews.max_age() // 3600,
                recent_transitions=article.transitions.select_related("by")[:10],
            )
            if workflow.can_edit(request.user, article):
                extra.update(self.desk_context(request, article))
        return super().change_view(request, object_id, form_url, extra)

    def add_view(self, request, form_url="", extra_context=None):
        extra = {**(extra_context or {}), "steps": workflow.buttons(Article(), request.user)}
        if self.has_add_permission(request):
            extra.update(self.desk_context(request, None))
        return super().add_view(request, form_url, extra)

    def _article_for(self, request, pk: int) -> Article:
        article = self.get_object(request, str(pk))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404("No such article.")
        return article

    def preview_view(self, request, pk: int):
        article = self._article_for(request, pk)
        if not workflow.can_preview(request.user, article):
            raise PermissionDenied
        return previews.render_preview(request, previews.load(article.pk))

    def revoke_previews_view(self, request, pk: int):
        """The "Revoke preview links" button: every link given out so far answers 404 at once."""
        article = self._article_for(request, pk)
        if not workflow.can_preview(request.user, article):
            raise PermissionDenied
        previews.revoke(article)
        self.message_user(request, "Earlier preview links no longer work. The link shown is new.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))

    def revisions_view(self, request, pk: int):
        article = self._article_for(request, pk)
        history = list(article.revisions.select_related("created_by"))
        by_number = {revision.number: revision for revision in history}
        changes, older, newer = [], None, None
        try:
            older = by_number.get(int(request.GET.get("a", "")))
            newer = by_number.get(int(request.GET.get("b", "")))
        except ValueError:
            older = newer = None
        if older and newer:
            changes = revisions.diff(older.data, newer.data)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Revisions of “{article}”",
            "article": article,
            "history": history,
            "older": older,
            "newer": newer,
            "changes": changes,
            "can_restore": workflow.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, pk: int, number: int):
        article = self._article_for(request, pk)
        if not workflow.can_edit(request.user, article):
            raise PermissionDenied
        revision = get_object_or_404(Revision, article=article, number=number)
        new = revisions.restore(revision, request.user)
        self.message_user(request, f"Restored revision {number}; saved as revision {new.number}.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))

    def upcoming_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        mine = self.get_queryset(request).select_related("section__parent")
        going_live = list(mine.scheduled(now).order_by("published_at")[:100])
        expiring = list(mine.expiring(now).order_by("unpublish_at")[:100])
        events = sorted(
            [("Goes live", article.published_at, article) for article in going_live]
            + [("Expires", article.unpublish_at, article) for article in expiring],
            key=lambda event: event[1],
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Upcoming: what goes live or expires next",
            "events": events,
        }
        return TemplateResponse(request, "admin/articles/article/upcoming.html", context)
