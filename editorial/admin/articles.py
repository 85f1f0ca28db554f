"""The article admin: what editors and contributors see, may change, and what saving does.

Workflow and trash actions live in `actions`, the extra pages in `pages`, the search box in
`search`; this class puts them together with the list and the form.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from articles.models import Article, Byline, Correction
from authors.models import Author
from core.admin import ModelAdmin, is_autocomplete
from editorial import revisions, trash, workflow
from editorial.admin.actions import TrashActionsMixin, WorkflowActionsMixin
from editorial.admin.desk import WritersDeskMixin
from editorial.admin.filters import AuthorFilter, ShowFilter, StatusFilter
from editorial.admin.inlines import BylineInline, CorrectionInline, RelatedArticleInline
from editorial.admin.pages import ArticlePagesMixin
from editorial.admin.search import ArticleSearchMixin
from editorial.forms import SEO_FIELDS, ArticleAdminForm


def newsroom_time(moment) -> str:
    """A time in the newsroom's zone (TIME_ZONE) with its abbreviation: "1 Dec 2026, 10:42 CET"."""
    if moment is None:
        return "–"
    return date_format(timezone.localtime(moment), "j M Y, H:i T")


@admin.register(Article)
class ArticleAdmin(
    ArticleSearchMixin,
    WorkflowActionsMixin,
    TrashActionsMixin,
    WritersDeskMixin,
    ArticlePagesMixin,
    ModelAdmin,
):
    form = ArticleAdminForm
    list_display = [
        "headline", "status_label", "section", "byline_names", "published", "expires",
        "last_edited_by", "modified",
    ]  # fmt: skip
    list_filter = [ShowFilter, StatusFilter, "section", AuthorFilter, "published_at"]
    ordering = ["-modified_at", "-id"]  # what was worked on last (new drafts too) comes first
    list_select_related = ["section__parent", "last_edited_by"]
    list_per_page = 50
    search_fields = ["headline", "standfirst", "slug", "bylines__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image", "social_image"]
    actions = [
        "submit_selected", "publish_selected", "unpublish_selected",
        "trash_selected", "restore_selected", "purge_selected",
    ]  # fmt: skip
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    delete_confirmation_template = "admin/articles/article/delete_confirmation.html"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "section", "tags", "body"]}),
        (
            "Lead image",
            {"fields": ["lead_image", "lead_image_caption"]},
        ),
        (
            "Search and social",
            {
                "fields": SEO_FIELDS,
                "description": "Optional: how the story shows in search results and on shared "
                "links. Empty fields fall back to the headline, standfirst and lead image.",
            },
        ),
        (
            "Publication",
            {"fields": ["status_label", "published_at", "unpublish_at", "updated_at"]},
        ),
    ]

    # -- who sees and changes what ------------------------------------------------------------

    def get_queryset(self, request):
        if is_autocomplete(request, self.admin_site):
            return self.get_choices_queryset(request)
        return super().get_queryset(request).editable_by(request.user).with_bylines()

    def get_choices_queryset(self, request):
        """What the user may pick (related stories, home picks) and find in the autocomplete:
        wider than what they may open, as a contributor links public stories too."""
        return Article.objects.visible_to(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is not None and obj.trashed_at is not None:
            return allowed and trash.can_purge(request.user)
        return allowed

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [  # read only: the body rendered, not its HTML source
            (name, {**options, "fields": [
                "rendered_body" if field == "body" else field for field in options["fields"]
            ]})
            for name, options in fieldsets
        ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        fields = ["status_label", "updated_at", "rendered_body"]
        if not workflow.is_editor(request.user):
            fields += ["published_at", "unpublish_at"]
        return fields

    def get_inlines(self, request, obj):
        if workflow.is_editor(request.user):
            return [BylineInline, RelatedArticleInline, CorrectionInline]
        return [BylineInline, RelatedArticleInline]

    # -- list columns ---------------------------------------------------------------------------

    @admin.display(description="status", ordering="status")
    def status_label(self, obj: Article) -> str:
        status = obj.editorial_status
        return format_html(
            '<span class="status-badge status-badge--{}">{}</span>', slugify(status), status
        )

    @admin.display(description="published", ordering="published_at")
    def published(self, obj: Article) -> str:
        return newsroom_time(obj.published_at)

    @admin.display(description="expires at", ordering="unpublish_at")
    def expires(self, obj: Article) -> str:
        return newsroom_time(obj.unpublish_at)

    @admin.display(description="last modified", ordering="modified_at")
    def modified(self, obj: Article) -> str:
        return newsroom_time(obj.modified_at)

    @admin.display(description="body")
    def rendered_body(self, obj: Article) -> str:
        """The body as readers see it, for those who may only read the article here: it was
        sanitized to the allowlist when saved, as the public page relies on too."""
        return mark_safe(f'<div class="readonly-body">{obj.body}</div>')  # noqa: S308

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
