"""Forms: the article edit form (rich text sanitized to our allowlist, the stale-save guard)
and the readers' search box with its filters."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django_prose_editor.fields import ProseEditorFormField

from authors.models import Author
from newsroom.sanitize import clean_html

from . import revisions
from .models import Article, Byline, Revision, Section
from .search import MAX_QUERY_LENGTH, SearchFilters

# What the editor toolbar offers; the allowlist in newsroom/sanitize.py is what survives a save.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
}


class ArticleAdminForm(forms.ModelForm):
    body = ProseEditorFormField(
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=clean_html,
        widget=AdminTextareaWidget,
        required=False,
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "dek", "section", "tags", "body", "lead_image",
            "lead_image_caption", "published_at", "unpublish_at",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: dict | None = None
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        self.fields["body"].widget.attrs["aria-label"] = "Body"

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self.check_not_stale(cleaned.get("loaded_version"))
        return cleaned

    def check_not_stale(self, loaded: int | None) -> None:
        """Refuse a save based on an older version, naming who saved in between and when.

        The row is locked until the save commits (the admin wraps it in a transaction), so two
        saves of the same version cannot both pass this check.
        """
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or loaded == current:
            return
        loaded = loaded or 0
        since = list(
            Revision.objects.filter(article_id=self.instance.pk, number__gt=loaded)
            .select_related("created_by")
            .order_by("number")
        )
        names = sorted({self.name_of(revision.created_by) for revision in since}) or ["Someone"]
        latest = since[-1] if since else None
        when = (
            date_format(timezone.localtime(latest.created_at), "j F Y, H:i")
            if latest
            else "meanwhile"
        )
        refused = {name: self.data.get(name, "") for name in ("headline", "dek", "body")}
        saved = revisions.snapshot(Article.objects.get(pk=self.instance.pk))
        base = Revision.objects.filter(article_id=self.instance.pk, number=loaded).first()
        if base:
            changes_title = "What they changed since you opened it"
            changes = revisions.diff(base.data, saved)
        else:  # no snapshot of what this form was loaded from: compare with what it holds
            changes_title = "How the saved text differs from yours"
            changes = revisions.diff(refused, {name: saved[name] for name in refused})
        self.conflict = {
            "names": " and ".join(names),
            "when": when,
            "loaded": loaded,
            "current": current,
            "changes_title": changes_title,
            "changes": changes,
            "refused": refused,
        }
        raise forms.ValidationError(
            f"Not saved: {self.conflict['names']} saved this article ({when}) after you opened "
            f"it (you had revision {loaded}, it is now at revision {current}). Their changes are "
            "shown below; your text is kept below too, so copy what you need, reload the page and "
            "apply it again.",
            code="stale",
        )

    @staticmethod
    def name_of(user) -> str:
        if user is None:
            return "Someone"
        return user.get_full_name() or user.get_username()


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
