"""The readers' search box with its filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from articles.models import Byline, Section
from authors.models import Author
from search.query import MAX_QUERY_LENGTH, SearchFilters

MAX_PAGE = 500


class SearchTermsField(forms.CharField):
    """The query text: NUL bytes and other control characters become spaces, spaces fold."""

    def to_python(self, value):
        value = super().to_python(value)
        cleaned = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in value)
        return " ".join(cleaned.split())


def section_choices() -> list[tuple[str, str]]:
    sections = Section.objects.order_by("position", "name").values_list("slug", "name")
    return [("", "All sections"), *sections]


def author_choices() -> list[tuple[str, str]]:
    """Authors with at least one byline, by name."""
    with_bylines = Exists(Byline.objects.filter(author=OuterRef("pk")))
    return [("", "All authors"), *Author.objects.filter(with_bylines).values_list("slug", "name")]


class SearchForm(forms.Form):
    """The query and its filters. Filter choices are plain (slug, name) pairs: one small
    query each, and the chosen section or author is looked up only when one is picked."""

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
    section = forms.ChoiceField(required=False)
    author = forms.ChoiceField(required=False)
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
        # Evaluated once here: a callable `choices` would query again on every iteration.
        self.fields["section"].choices = section_choices()
        self.fields["author"].choices = author_choices()
        self.ignored = self._drop_unknown_filters()

    def _drop_unknown_filters(self) -> list[str]:
        """Leave out a section or author that does not exist (an old link, a renamed slug, a
        hand-made URL): the search runs without that filter, and the page says so."""
        if self.data is None or not self.is_bound:
            return []
        notes = []
        for name, everything in (("section", "all sections"), ("author", "all authors")):
            value = self.data.get(name, "")
            known = {slug for slug, _label in self.fields[name].choices}
            if value and value not in known:
                self.data = self.data.copy()
                self.data.pop(name)
                notes.append(f"There is no {name} “{value}”: showing results from {everything}.")
        return notes

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise ValidationError("The “From” date must be on or before the “To” date.")
        return data

    def clean_section(self) -> Section | None:
        slug = self.cleaned_data["section"]
        return Section.objects.get(slug=slug) if slug else None

    def clean_author(self) -> Author | None:
        slug = self.cleaned_data["author"]
        return Author.objects.get(slug=slug) if slug else None

    def filters(self) -> SearchFilters:
        """The chosen filters; call only on a valid form."""
        data = self.cleaned_data
        return SearchFilters(
            section=data.get("section"),
            author=data.get("author"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
