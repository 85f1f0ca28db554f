"""The article list's filters: the statuses editors think in, and bylines."""

from django.contrib import admin
from django.utils import timezone

from articles.models import Article
from authors.models import Author


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


class ShowFilter(admin.SimpleListFilter):
    """The questions a desk asks first: my stories, what waits for review, what is queued,
    what went out today (in the newsroom's time zone)."""

    title = "show"
    parameter_name = "show"

    def lookups(self, request, model_admin):
        return [
            ("mine", "Mine"),
            ("in_review", "In review"),
            ("scheduled", "Scheduled"),
            ("today", "Published today"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        if value == "mine":
            return queryset.not_trashed().owned_by(request.user)
        if value == "in_review":
            return queryset.not_trashed().filter(status=Article.Status.IN_REVIEW)
        if value == "scheduled":
            return queryset.scheduled(now)
        if value == "today":
            midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
            return queryset.published(now).filter(published_at__gte=midnight)
        return queryset
