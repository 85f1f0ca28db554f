"""Forms for readers: the search box and its filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from authors.models import Author

from .models import Byline, Section
from .search import MAX_QUERY_LENGTH, SearchFilters

MAX_PAGE = 500


class SearchTermsField(forms.CharField):
    """The query text: NUL bytes and other control characters become spaces, spaces fold."""

    def to_python(self, value):
        value = super().to_python(value)
        cleaned = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in value)
        return " ".join(cleaned.split())


class SearchForm(forms.Form):
    q = SearchTermsField(
        label="Search for",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "Please shorten your search to %(limit_value)d characters or fewer."
        },
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text='Use "quotes" for a phrase, -word to leave a word out, or between choices.',
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.filter(
            Exists(Byline.objects.filter(author=OuterRef("pk")))
        ).order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All authors",
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The page number must be a whole number."},
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # NUL bytes cannot be stored or searched: they become spaces before anything else,
            # so the form also shows the query back without them.
            data = data.copy()
            for key, values in data.lists():
                data.setlist(key, [value.replace("\x00", " ") for value in values])
        super().__init__(data, *args, **kwargs)

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise ValidationError("The “From” date must be on or before the “To” date.")
        return data

    def filters(self) -> SearchFilters:
        """The chosen filters; call only on a valid form."""
        data = self.cleaned_data
        return SearchFilters(
            section=data.get("section"),
            author=data.get("author"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
