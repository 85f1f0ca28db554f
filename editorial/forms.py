"""The article edit form: rich text sanitized to our allowlist, bylines, the stale-save guard."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django_prose_editor.fields import ProseEditorFormField
from taggit.models import Tag

from articles import seo
from articles.models import Article, Revision
from core.sanitize import clean_html
from editorial import merge, revisions
from richtext.editor import EDITOR_EXTENSIONS

SEO_FIELDS = ["seo_title", "meta_description", "social_title", "social_description", "social_image"]
# Fields with a live character count in the form: the recommended range of each.
COUNTED = {
    "headline": seo.HEADLINE_RANGE,
    "seo_title": seo.SEO_TITLE_RANGE,
    "meta_description": seo.META_DESCRIPTION_RANGE,
    "social_title": seo.SOCIAL_TITLE_RANGE,
    "social_description": seo.SOCIAL_DESCRIPTION_RANGE,
}


class ArticleAdminForm(forms.ModelForm):
    # The live preview saves nothing and turns the guard off; a restored draft sets `restored`.
    check_stale = True
    restored = None  # an editorial.models.Draft
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
            "headline", "slug", "standfirst", "section", "tags", "body", "lead_image",
            "lead_image_caption", "published_at", "unpublish_at", *SEO_FIELDS,
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: dict | None = None
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            if self.is_bound:
                self.data = merge.resolve(self.data, self.instance)
        if self.restored is not None and not self.is_bound:
            self.load_draft(self.restored)
        self.fields["body"].widget.attrs["aria-label"] = "Body"
        for name, (low, high) in COUNTED.items():
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs.update({"data-count-min": low, "data-count-max": high})
        for name in ("meta_description", "social_description"):
            if name in self.fields:
                self.fields[name].widget.attrs["rows"] = 3

    def load_draft(self, draft) -> None:
        """Open with an autosaved draft's values, at the revision the draft was made from (so
        saving it meets the stale-save guard like any other save)."""
        data = draft.data
        for name, field in self.fields.items():
            if name not in data and f"{name}_0" not in data:
                continue
            if isinstance(field, forms.SplitDateTimeField):
                raw = field.widget.value_from_datadict(data, {}, name)
                try:
                    self.initial[name] = field.clean(raw)
                except ValidationError:
                    continue
            else:
                self.initial[name] = data[name]
        if draft.loaded_version is not None:
            self.initial["loaded_version"] = draft.loaded_version

    def clean_tags(self) -> list[str]:
        """A tag name longer than the tag table holds is a form error, not a database one."""
        names = self.cleaned_data["tags"]
        limit = Tag._meta.get_field("name").max_length
        if too_long := [name for name in names if len(name) > limit]:
            raise ValidationError(
                f"A tag can be at most {limit} characters long: “{too_long[0][:40]}…”."
            )
        return names

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.check_stale:
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
        refused = {name: self.data.get(name, "") for name in ("headline", "standfirst", "body")}
        saved = revisions.snapshot(Article.objects.get(pk=self.instance.pk))
        base = Revision.objects.filter(article_id=self.instance.pk, number=loaded).first()
        if base:
            changes_title = "What they changed since you opened it"
            changes = revisions.diff(base.data, saved)
        else:  # no snapshot of what this form was loaded from: compare with what it holds
            changes_title = "How the saved text differs from yours"
            changes = revisions.diff(refused, {name: saved[name] for name in refused})
        self.conflict = {
            "fields": merge.conflicts(self.data, Article.objects.get(pk=self.instance.pk)),
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
