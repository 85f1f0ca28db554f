"""The writer's desk around the article form: autosave, presence, take-over, live preview
and tag suggestions. Each view checks the same permissions as the edit page it serves.

URLs are the admin's, under /admin/articles/article/ (names `admin:articles_article_<name>`).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag

from articles.models import Article
from editorial import autosave, live_preview, presence, workflow

RESTORE_PARAMETER = "restore"


class WritersDeskMixin:
    """For `ArticleAdmin`: needs `_article_for` (from `ArticlePagesMixin`), whose edit and add
    views add `desk_context()` for those who may write the article."""

    def get_urls(self):
        def post(view):
            return self.admin_site.admin_view(never_cache(require_POST(view)))

        return [
            path("autosave/", post(self.autosave_view), name="articles_article_autosave_new"),
            path("<int:pk>/autosave/", post(self.autosave_view), name="articles_article_autosave"),
            path(
                "autosave/discard/",
                post(self.discard_view),
                name="articles_article_discard_new",
            ),
            path(
                "<int:pk>/autosave/discard/",
                post(self.discard_view),
                name="articles_article_discard",
            ),
            path("<int:pk>/presence/", post(self.presence_view), name="articles_article_presence"),
            path("<int:pk>/presence/leave/", post(self.leave_view), name="articles_article_leave"),
            path(
                "<int:pk>/take-over/", post(self.take_over_view), name="articles_article_take_over"
            ),
            path("live-preview/", post(self.live_preview_view), name="articles_article_live_new"),
            path(
                "<int:pk>/live-preview/",
                post(self.live_preview_view),
                name="articles_article_live",
            ),
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(require_GET(self.tag_suggestions_view)),
                name="articles_article_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    # -- which article, and may this user write it ----------------------------------------------

    def _writable(self, request, pk: int | None) -> Article | None:
        """The article `pk` the user may edit (None for a new one they may add); else 403/404."""
        if pk is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self._article_for(request, pk)
        if not workflow.can_edit(request.user, article):
            raise PermissionDenied
        return article

    # -- autosave -------------------------------------------------------------------------------

    def autosave_view(self, request, pk: int | None = None):
        article = self._writable(request, pk)
        try:
            raw = request.POST.get("loaded_version", "")
            loaded = int(raw) if raw.strip() else None
            draft = autosave.save(request.user, article, request.POST, loaded)
        except (ValueError, OverflowError) as refusal:
            return JsonResponse({"error": str(refusal) or "Not autosaved."}, status=400)
        return JsonResponse({"saved_at": draft.saved_at.isoformat(), "time": _hhmmss(draft)})

    def discard_view(self, request, pk: int | None = None):
        article = self._writable(request, pk)
        autosave.discard(request.user, article)
        self.message_user(request, "Your autosaved changes were discarded.")
        if article is None:
            return HttpResponseRedirect(reverse("admin:articles_article_add"))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def desk_context(self, request, article: Article | None) -> dict:
        """What the edit page needs for autosave, the restore offer, presence and preview."""
        key = {"args": [article.pk]} if article else {}
        suffix = "" if article else "_new"
        context = {
            "autosave_url": reverse(f"admin:articles_article_autosave{suffix}", **key),
            "discard_url": reverse(f"admin:articles_article_discard{suffix}", **key),
            "live_preview_url": reverse(f"admin:articles_article_live{suffix}", **key),
            "tag_suggestions_url": reverse("admin:articles_article_tag_suggestions"),
            "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
            # Where the story will live, for the search-result preview (the slug is typed).
            "public_url_prefix": settings.SITE_URL
            + (article.get_absolute_url().rsplit("/", 2)[0] + "/" if article else "/articles/…/"),
        }
        offer = autosave.pending(request.user, article)
        if offer and request.GET.get(RESTORE_PARAMETER) != "draft":
            draft, changes = offer
            context["draft_offer"] = {"saved_at": draft.saved_at, "changes": changes}
        if article is not None:  # the page's script beats at once ("opened") and every few seconds
            context.update(
                presence_url=reverse("admin:articles_article_presence", args=[article.pk]),
                leave_url=reverse("admin:articles_article_leave", args=[article.pk]),
                take_over_url=reverse("admin:articles_article_take_over", args=[article.pk]),
                editing_others=presence.others(request.user, article),
            )
        return context

    def get_form(self, request, obj=None, change=False, **kwargs):
        """With ?restore=draft, the form opens with the user's autosaved draft as its values."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.method != "GET" or request.GET.get(RESTORE_PARAMETER) != "draft":
            return form
        offer = autosave.pending(request.user, obj if obj and obj.pk else None)
        if offer is None:
            return form
        draft, _changes = offer
        return type(form.__name__, (form,), {"restored": draft})

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        autosave.discard(request.user, form.instance if change else None)

    # -- presence -------------------------------------------------------------------------------

    def presence_view(self, request, pk: int):
        article = self._writable(request, pk)
        mine = presence.beat(request.user, article, opened=request.POST.get("opened") == "1")
        taken = None
        if mine.taken_over_by_id:
            taken = {
                "name": presence.display_name(mine.taken_over_by),
                "at": _local_time(mine.taken_over_at),
            }
        return JsonResponse(
            {
                "others": [editing.as_json() for editing in presence.others(request.user, article)],
                "taken_over_by": taken,
            }
        )

    def leave_view(self, request, pk: int):
        article = self._article_for(request, pk)
        presence.leave(request.user, article)
        return JsonResponse({"left": True})

    def take_over_view(self, request, pk: int):
        article = self._writable(request, pk)
        count = presence.take_over(request.user, article)
        if count:
            self.message_user(
                request,
                "You took over this article; the other editor has been told and their unsaved "
                "changes stay in their autosaved draft.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    # -- live preview and tags ------------------------------------------------------------------

    def live_preview_view(self, request, pk: int | None = None):
        article = self._writable(request, pk)
        if article is not None and not workflow.can_preview(request.user, article):
            raise PermissionDenied
        form_class = self.get_form(request, article, change=article is not None)
        return live_preview.render_unsaved(request, form_class, article)

    def tag_suggestions_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        typed = request.GET.get("q", "").strip()[:100]
        names = (
            list(
                Tag.objects.filter(name__istartswith=typed)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
            if typed
            else []
        )
        return JsonResponse({"tags": names})


def _local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""


def _hhmmss(draft) -> str:
    return timezone.localtime(draft.saved_at).strftime("%H:%M:%S")
