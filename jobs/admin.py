"""Background jobs in the admin: what failed and why, for administrators, and "Run again".

Replaces django-tasks-db's read-only admin with one that shows attempts and the last error,
filters by state, deletes finished rows and queues failed jobs again. Viewing needs
`django_tasks_database.view_dbtaskresult` (the Administrator role has it); running again needs the
change permission; nothing can be added or edited by hand.
"""

from django.contrib import admin, messages
from django.http import HttpRequest
from django.tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from core.admin import ModelAdmin
from jobs import status

admin.site.unregister(DBTaskResult)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("failed", "Failed for good"), ("retrying", "Retrying"), ("stale", "Worker lost")]

    def queryset(self, request, queryset):
        chosen = {
            "failed": status.failed_jobs,
            "retrying": status.retrying_jobs,
            "stale": status.stale_jobs,
        }.get(self.value())
        return queryset.filter(pk__in=chosen().values("pk")) if chosen else queryset


@admin.register(DBTaskResult)
class JobAdmin(ModelAdmin, DBTaskResultAdmin):
    list_display = (
        "task_name",
        "status",
        "attempts",
        "last_error",
        "enqueued_at",
        "started_at",
        "finished_at",
        "queue_name",
    )
    list_filter = (StateFilter, "status", "queue_name")
    search_fields = ("task_path",)
    actions = ["run_again"]
    list_per_page = 50

    @admin.display(description="attempts")
    def attempts(self, job: DBTaskResult) -> int:
        return len(job.worker_ids)

    @admin.display(description="last error")
    def last_error(self, job: DBTaskResult) -> str:
        return job.exception_class_path.rsplit(".", 1)[-1] or "-"

    def has_delete_permission(self, request: HttpRequest, obj: DBTaskResult | None = None):
        """Finished jobs may be cleared away; queued or running ones may not."""
        allowed = request.user.has_perm("django_tasks_database.delete_dbtaskresult")
        finished = {TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL}
        return allowed and (obj is None or obj.status in finished)

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        queryset.filter(status__in=[TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]).delete()

    @admin.action(description="Run the selected failed jobs again", permissions=["retry"])
    def run_again(self, request: HttpRequest, queryset) -> None:
        queued = status.run_again(queryset)
        skipped = queryset.count() - queued
        self.message_user(request, f"{queued} failed job(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} selected job(s) had not failed and were left alone.",
                messages.WARNING,
            )
