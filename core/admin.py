"""The base of every admin class of ours: choices limited to what the user may see, and lookups
that answer 400 to impossible input instead of a 500.

Django's admin offers every row of a related model in a foreign-key field (and accepts any of
them in a hand-made POST, then shows it on reload) while its autocomplete lists only what the
related admin lists: the two must be one rule. It also lets a NUL reach PostgreSQL, which
refuses it (500), a year past 9999 reach `datetime` (OverflowError, 500), and an id that is
not one (`abc`, or past 2**63, which SQLite cannot hold) reach a query while an invalid form is
shown again or an action runs (ValueError, OverflowError, 500).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, ValidationError
from django.db import models
from django.http import HttpRequest


def is_key(field: models.Field, value) -> bool:
    """Whether `value` can name a row by `field` (a primary key or `to_field`): the field's
    own conversion and range validators, so `abc` and 2**64 are refused before any query."""
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def _target(db_field: models.Field) -> models.Field:
    remote = db_field.remote_field
    name = getattr(remote, "field_name", None) or remote.model._meta.pk.name
    return remote.model._meta.get_field(name)


class _KnownKeysOnly:
    """An autocomplete widget that shows again only the submitted values that are keys."""

    def optgroups(self, name, value, attr=None):
        target = _target(self.field)
        return super().optgroups(name, [v for v in value if is_key(target, v)], attr)


class GuardedAutocompleteSelect(_KnownKeysOnly, AutocompleteSelect):
    pass


class GuardedAutocompleteSelectMultiple(_KnownKeysOnly, AutocompleteSelectMultiple):
    pass


class GuardedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError as error:  # SQLite: an integer past 64 bits
            raise ValidationError(
                self.error_messages["invalid_choice"], "invalid_choice"
            ) from error


class GuardedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError as error:
            raise ValidationError(
                self.error_messages["invalid_choice"], "invalid_choice", {"value": "…"}
            ) from error


def is_autocomplete(request: HttpRequest, admin_site: admin.AdminSite) -> bool:
    """Whether `request` is the admin's autocomplete view (which lists a model admin's
    `get_queryset()` rows): an admin whose choices differ from its list answers from there."""
    match = request.resolver_match
    return match is not None and match.view_name == f"{admin_site.name}:autocomplete"


class GuardedChangeList(ChangeList):
    """The change list, with a date too far out for `datetime` refused as a bad request."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:  # year 99999999999, or 9999 + 1
            raise BadRequest("This date is out of range.") from error


class VisibleChoicesMixin:
    """For model admins and inlines: a related field offers what the related model's admin
    offers the user (its `get_choices_queryset()`, else its `get_queryset()`), and nothing when
    the user may not view that model. The form validates against the same rows, so a POST
    naming any other id is a form error, and a reload cannot render its name. Ids that cannot be
    keys are refused by the field and never shown again by the autocomplete widget."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", GuardedModelChoiceField)
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                GuardedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", GuardedModelMultipleChoiceField)
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                GuardedAutocompleteSelectMultiple(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_field_queryset(self, db, db_field, request):
        default = super().get_field_queryset(db, db_field, request)
        try:
            related_admin = self.admin_site.get_model_admin(db_field.remote_field.model)
        except NotRegistered:
            return default
        choices = getattr(related_admin, "get_choices_queryset", related_admin.get_queryset)
        rows = choices(request).using(db)
        if not related_admin.has_view_permission(request):
            return rows.none()
        ordering = related_admin.get_ordering(request)
        return rows.order_by(*ordering) if ordering else rows


class GuardedLookupsMixin:
    """For model admins: NUL in a search term is a space (it matches nothing stored, and
    PostgreSQL refuses it); NUL anywhere else in a change list's query string is a 400."""

    def get_changelist(self, request, **kwargs):
        return GuardedChangeList

    def changelist_view(self, request, extra_context=None):
        for key, values in request.GET.lists():
            if key != SEARCH_VAR and any("\x00" in text for text in (key, *values)):
                raise BadRequest("NUL characters are not allowed in a lookup.")
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        if not all(is_key(self.model._meta.pk, value) for value in selected):
            raise BadRequest("The selection names rows that cannot exist.")
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        """The change list's search box and every autocomplete widget end here."""
        return super().get_search_results(request, queryset, search_term.replace("\x00", " "))


class ModelAdmin(VisibleChoicesMixin, GuardedLookupsMixin, admin.ModelAdmin):
    """Use instead of `admin.ModelAdmin` for every model admin of ours."""


class TabularInline(VisibleChoicesMixin, admin.TabularInline):
    """Use instead of `admin.TabularInline`."""


class StackedInline(VisibleChoicesMixin, admin.StackedInline):
    """Use instead of `admin.StackedInline`."""
