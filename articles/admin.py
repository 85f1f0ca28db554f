"""Admin for sections and articles: the editors' workplace.

Roles are enforced here on the server (querysets, `has_*_permission`, read-only fields and the
workflow's own checks), never only by hiding buttons. See docs/editor-guide.md.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from authors.models import Author

from . import previews, revisions, trash, workflow
from .admin_search import ArticleSearchMixin
from .checks import publish_warnings
from .curation import MAX_PICKS
from .forms import ArticleAdminForm
from .models import (
    Article,
    Byline,
    Correction,
    HomeSlot,
    RelatedArticle,
    Revision,
    Section,
    WordPressSource,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position", "show_in_navigation"]
    list_editable = ["position", "show_in_navigation"]
    list_filter = ["show_in_navigation", "parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


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


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    verbose_name = "correction or update note"
    verbose_name_plural = "corrections and updates (shown at the end of the article)"


class StatusFilter(admin.SimpleListFilter):
    """Workflow statuses plus what editors ask for: scheduled, expired, and the trash."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            *Article.Status.choices,
            ("scheduled", "Scheduled"),
            ("expired", "Expired"),
            ("trash", "In trash"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        if value == "trash":
            return queryset.in_trash()
        queryset = queryset.not_trashed()
        if value == "scheduled":
            return queryset.scheduled(now)
        if value == "expired":
            return queryset.filter(status=Article.Status.PUBLISHED, unpublish_at__lte=now)
        if value == Article.Status.PUBLISHED:
            return queryset.published(now)
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = "byline"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        return list(Author.objects.order_by("name").values_list("pk", "name"))

    def queryset(self, request, queryset):
        if self.value():
            try:
                return queryset.filter(bylines__author_id=int(self.value()))
            except ValueError:
                return queryset.none()
        return queryset


@admin.register(Article)
class ArticleAdmin(ArticleSearchMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline", "status_label", "section", "byline_names", "published_at",
        "unpublish_at", "updated_at", "last_edited_by", "modified_at",
    ]  # fmt: skip
    list_filter = [StatusFilter, "section", AuthorFilter, "published_at"]
    list_select_related = ["section__parent", "last_edited_by"]
    list_per_page = 50
    search_fields = ["headline", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image"]
    actions = [
        "submit_selected", "publish_selected", "unpublish_selected",
        "trash_selected", "restore_selected", "purge_selected",
    ]  # fmt: skip
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    delete_confirmation_template = "admin/articles/article/delete_confirmation.html"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "tags", "body"]}),
        (
            "Lead image",
            {"fields": ["lead_image", "lead_image_caption"]},
        ),
        (
            "Publication",
            {"fields": ["status_label", "published_at", "unpublish_at", "updated_at"]},
        ),
    ]

    # -- who sees and changes what ------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user).with_bylines()

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is not None and obj.trashed_at is not None:
            return allowed and trash.can_purge(request.user)
        return allowed

    def has_publish_permission(self, request) -> bool:
        return workflow.is_editor(request.user)

    def has_purge_permission(self, request) -> bool:
        return trash.can_purge(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = ["status_label", "updated_at"]
        if not workflow.is_editor(request.user):
            fields += ["published_at", "unpublish_at"]
        return fields

    def get_inlines(self, request, obj):
        if workflow.is_editor(request.user):
            return [BylineInline, RelatedArticleInline, CorrectionInline]
        return [BylineInline, RelatedArticleInline]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # "Move to trash" replaces it
        return actions

    # -- list columns ---------------------------------------------------------------------------

    @admin.display(description="status", ordering="status")
    def status_label(self, obj: Article) -> str:
        return obj.editorial_status

    @admin.display(description="bylines")
    def byline_names(self, obj: Article) -> str:
        return ", ".join(author.name for author in obj.byline_authors)

    # -- saving ---------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        elif form.has_changed():
            obj.mark_updated()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Correction and (formset.new_objects or formset.changed_objects):
            notes = formset.new_objects + [note for note, _fields in formset.changed_objects]
            form.instance.mark_updated(at=max(note.noted_at for note in notes))
            form.instance.save(update_fields=["updated_at"])

    def save_related(self, request, form, formsets, change):
        """After bylines are saved: store the revision, then take the requested workflow step."""
        super().save_related(request, form, formsets, change)
        article = form.instance
        writer = Author.objects.filter(user=request.user).first()
        if not change and writer and not article.bylines.exists():
            Byline.objects.create(article=article, author=writer)  # my article: my byline
        revisions.record(article, request.user, "Edited" if change else "Created")
        action = request.POST.get("_transition")
        if action:
            self.take_step(request, article, action, form.cleaned_data.get("published_at"))

    def take_step(self, request, article: Article, action: str, at=None) -> bool:
        try:
            workflow.apply(article, action, request.user, at=at)
        except workflow.TransitionRefused as refusal:
            self.message_user(request, " ".join(refusal.reasons), messages.ERROR)
            return False
        self.message_user(request, f"“{article}” is now {article.editorial_status.lower()}.")
        for warning in publish_warnings(article) if action in {"publish", "schedule"} else []:
            self.message_user(request, f"Check: {warning}", messages.WARNING)
        return True

    def response_change(self, request, obj):
        if "_transition" in request.POST:
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_transition" in request.POST:
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    # -- trash instead of delete ----------------------------------------------------------------

    def delete_model(self, request, obj):
        if obj.trashed_at is not None:
            trash.purge(obj, request.user)
        else:
            trash.move_to_trash(obj, request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            self.delete_model(request, article)

    def response_delete(self, request, obj_display, obj_id):
        if Article.objects.filter(pk=obj_id).exists():
            self.message_user(
                request, f"“{obj_display}” is in the trash: restore it from there any time."
            )
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        return super().response_delete(request, obj_display, obj_id)

    # -- bulk actions, each allowed by role -----------------------------------------------------

    def _bulk_step(self, request, queryset, action: str) -> None:
        done = sum(self.take_step(request, article, action) for article in queryset)
        if done:
            self.message_user(request, f"{done} article(s) updated.")

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk_step(request, queryset, "submit")

    @admin.action(description="Publish selected now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk_step(request, queryset, "publish")

    @admin.action(description="Unpublish selected", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk_step(request, queryset, "unpublish")

    @admin.action(description="Move selected to the trash", permissions=["delete"])
    def trash_selected(self, request, queryset):
        for article in queryset:
            trash.move_to_trash(article, request.user)
        self.message_user(request, "Moved to the trash (see the status filter “In trash”).")

    @admin.action(description="Restore selected from the trash", permissions=["delete"])
    def restore_selected(self, request, queryset):
        for article in queryset.in_trash():
            trash.restore_from_trash(article, request.user)
        self.message_user(request, "Restored from the trash.")

    @admin.action(description="Delete selected from the trash for good", permissions=["purge"])
    def purge_selected(self, request, queryset):
        count = 0
        for article in queryset.in_trash():
            trash.purge(article, request.user)
            count += 1
        self.message_user(request, f"{count} article(s) deleted for good.")

    # -- edit page context, previews, revisions, upcoming --------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upcoming/", view(self.upcoming_view), name="articles_article_upcoming"),
            path("<int:pk>/preview/", view(self.preview_view), name="articles_article_preview"),
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
                steps=workflow.allowed_steps(article, request.user),
                warnings=publish_warnings(article),
                share_url=(
                    request.build_absolute_uri(previews.preview_url(article))
                    if workflow.can_preview(request.user, article)
                    else ""
                ),
                share_hours=previews.max_age() // 3600,
                recent_transitions=article.transitions.select_related("by")[:10],
            )
        return super().change_view(request, object_id, form_url, extra)

    def add_view(self, request, form_url="", extra_context=None):
        extra = {**(extra_context or {}), "steps": workflow.allowed_steps(Article(), request.user)}
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


@admin.register(HomeSlot)
class HomeSlotAdmin(admin.ModelAdmin):
    """The home page's picks: position 0 leads, the rest are featured in order."""

    list_display = ["position", "article", "is_public"]
    list_display_links = ["article"]
    list_editable = ["position"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]

    @admin.display(boolean=True, description="public now")
    def is_public(self, obj: HomeSlot) -> bool:
        return obj.article.is_public

    def changelist_view(self, request, extra_context=None):
        extra = {
            **(extra_context or {}),
            "subtitle": f"Up to {MAX_PICKS} picks. Picks that are not public are skipped; "
            "the rest of the page is the latest stories.",
        }
        return super().changelist_view(request, extra)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and HomeSlot.objects.count() < MAX_PICKS


@admin.register(WordPressSource)
class WordPressSourceAdmin(admin.ModelAdmin):
    """Where imported articles came from: notes such as "private in WordPress", sticky posts,
    featured images that were not found. Written by `import_wordpress`, read by editors."""

    list_display = ["article", "wp_post_id", "wp_status", "import_note", "sticky"]
    list_filter = ["wp_status", "sticky", "lead_image_missing"]
    search_fields = ["article__headline", "guid", "original_url", "=wp_post_id"]
    list_select_related = ["article"]
    readonly_fields = [f.name for f in WordPressSource._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
