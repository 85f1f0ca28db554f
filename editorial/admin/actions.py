"""Workflow steps and the trash in the article admin: from the edit page and as bulk actions.

Every step goes through `editorial.workflow.apply` and every removal through
`editorial.trash`, so a bulk action is allowed exactly what the edit page's buttons are.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.models import Article
from editorial import trash, workflow
from editorial.prepublish import publish_warnings


def confirmation(request, model_admin, queryset, action: str, consequence: str, label: str):
    """The page that asks before an action that takes stories off the site or out of reach,
    naming the consequence; None once the user has said yes (`post` in the form)."""
    if request.POST.get("post") == "yes":
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": label,
        "articles": list(queryset[:500]),
        "action": action,
        "consequence": consequence,
        "submit_label": label,
    }
    return TemplateResponse(request, "admin/articles/article/action_confirmation.html", context)


class WorkflowActionsMixin:
    """For `ArticleAdmin`: the `_transition` buttons and the bulk workflow actions."""

    def has_publish_permission(self, request) -> bool:
        return workflow.is_editor(request.user)

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
        asked = confirmation(
            request, self, queryset, "unpublish_selected",
            "These stories leave the public site, feeds and sitemaps at once, and every preview "
            "link given out for them stops working. You can publish them again later.",
            "Yes, unpublish them",
        )  # fmt: skip
        if asked:
            return asked
        self._bulk_step(request, queryset, "unpublish")


class TrashActionsMixin:
    """For `ArticleAdmin`: "delete" moves to the trash; only from there is it for good."""

    def has_purge_permission(self, request) -> bool:
        return trash.can_purge(request.user)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # "Move to trash" replaces it
        return actions

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

    @admin.action(description="Move selected to the trash", permissions=["delete"])
    def trash_selected(self, request, queryset):
        for article in queryset:
            trash.move_to_trash(article, request.user)
        self.message_user(request, "Moved to the trash (see the status filter “In trash”).")

    @admin.action(description="Restore selected from the trash", permissions=["delete"])
    def restore_selected(self, request, queryset):
        asked = confirmation(
            request, self, queryset.in_trash(), "restore_selected",
            "These stories come back from the trash with the status they had: a published one "
            "is public again at once.",
            "Yes, restore them",
        )  # fmt: skip
        if asked:
            return asked
        for article in queryset.in_trash():
            trash.restore_from_trash(article, request.user)
        self.message_user(request, "Restored from the trash.")

    @admin.action(description="Delete selected from the trash for good", permissions=["purge"])
    def purge_selected(self, request, queryset):
        asked = confirmation(
            request, self, queryset.in_trash(), "purge_selected",
            "These stories are deleted for good, with their revisions, workflow log and "
            "corrections. This cannot be undone.",
            "Yes, delete them for good",
        )  # fmt: skip
        if asked:
            return asked
        count = 0
        for article in queryset.in_trash():
            trash.purge(article, request.user)
            count += 1
        self.message_user(request, f"{count} article(s) deleted for good.")
