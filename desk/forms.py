"""The desk's forms: notes, send-backs, assignments, the budget filters, email preferences."""

from django import forms
from django.contrib.auth import get_user_model

from articles.models import Section
from desk.models import EmailPreference

MAX_NOTE = 5000


def staff_users():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note", max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by the newsroom. Mention someone with @username.",
    )  # fmt: skip


class SendBackForm(forms.Form):
    text = forms.CharField(
        label="What needs doing", max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The writer gets this with the story (and by email).",
    )  # fmt: skip


class AssignmentForm(forms.Form):
    writer = forms.ModelChoiceField(queryset=staff_users(), required=False)
    editor = forms.ModelChoiceField(queryset=staff_users(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("writer", "editor"):
            self.fields[name].queryset = staff_users()


class PlanFilterForm(forms.Form):
    """The budget's filters; `person` is a username, or "me"."""

    date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.all(), required=False, empty_label="All sections"
    )
    person = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.select_related("parent")
        self.people = {user.username: user for user in staff_users()}
        self.fields["person"].choices = [
            ("", "Everyone"),
            ("me", "Me"),
            *((name, user.get_full_name() or name) for name, user in self.people.items()),
        ]

    def clean_person(self):
        value = self.cleaned_data["person"]
        return self.people.get(value, value or None)


class EmailPreferenceForm(forms.ModelForm):
    class Meta:
        model = EmailPreference
        fields = [
            "submitted", "sent_back", "ready", "scheduled", "published", "mentioned",
            "assigned", "taken_over",
        ]  # fmt: skip
