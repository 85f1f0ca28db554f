"""Subscriptions and their delivery log, for administrators only (docs/webhooks.md).

Access follows the model permissions, which only the Administrator role (and superusers) hold:
contributors and editors do not see the section at all. The secret is made when a subscription
is created and shown on its page, for the administrator to give to the receiver.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from core.admin import ModelAdmin, TabularInline
from webhooks.models import Attempt, Delivery, Event, Subscription, new_secret
from webhooks.targets import TargetRefused, check


class SubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=Event.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Subscription
        fields = ["name", "target_url", "events", "is_active"]

    def clean_target_url(self) -> str:
        url = self.cleaned_data["target_url"]
        try:
            check(url)
        except TargetRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return url


@admin.register(Subscription)
class SubscriptionAdmin(ModelAdmin):
    form = SubscriptionForm
    list_display = ["name", "target_url", "is_active", "consecutive_failures", "disabled_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "target_url"]
    readonly_fields = ["signing_secret", "consecutive_failures", "disabled_at", "created_at"]
    actions = ["make_new_secret"]

    @admin.action(description="Make a new secret for the selected subscriptions")
    def make_new_secret(self, request, queryset) -> None:
        """For a secret that leaked: the receiver must be given the new one."""
        for subscription in queryset:
            subscription.secret = new_secret()
            subscription.save(update_fields=["secret"])
        self.message_user(
            request,
            f"New secret made for {len(queryset)} subscription(s): give the receiver the one "
            "shown on its page; deliveries are signed with it from now on.",
            messages.SUCCESS,
        )

    @admin.display(description="secret")
    def signing_secret(self, obj: Subscription) -> str:
        if obj.pk is None:
            return "Made when the subscription is saved."
        return format_html("<code>{}</code>", obj.secret)

    def save_model(self, request, obj: Subscription, form, change: bool) -> None:
        if obj.is_active and obj.disabled_at is not None:  # turned on again by hand
            obj.disabled_at, obj.consecutive_failures = None, 0
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None and obj.disabled_at and not obj.is_active:
            messages.warning(
                request,
                f"Turned off on {obj.disabled_at:%d %B %Y at %H:%M} after "
                f"{obj.consecutive_failures} failed deliveries in a row. Tick “active” "
                "to send again once the receiver works.",
            )
        return super().change_view(request, object_id, form_url, extra_context)


class AttemptInline(TabularInline):
    model = Attempt
    fields = ["number", "at", "ok", "status_code", "duration_ms", "response_excerpt", "error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(Delivery)
class DeliveryAdmin(ModelAdmin):
    list_display = [
        "uuid", "event", "subscription", "status", "attempt_count", "last_code", "created_at"
    ]  # fmt: skip
    list_filter = ["status", "event", "subscription"]
    list_select_related = ["subscription"]
    search_fields = ["uuid", "body"]
    fields = ["uuid", "subscription", "event", "status", "created_at", "finished_at", "body"]
    readonly_fields = fields
    inlines = [AttemptInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("attempts")

    @admin.display(description="attempts")
    def attempt_count(self, obj: Delivery) -> int:
        return len(obj.attempts.all())

    @admin.display(description="last response")
    def last_code(self, obj: Delivery):
        attempts = obj.attempts.all()
        if not attempts:
            return "–"
        last = attempts[len(attempts) - 1]
        return last.status_code or last.error[:60]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
