"""The article edit form: rich-text body sanitized to our allowlist, and the stale-save guard."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.utils import timezone
from django.utils.formats import date_format
from django_prose_editor.fields import ProseEditorFormField

from newsroom.sanitize import clean_html

from . import revisions
from .models import Article, Revision

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
            "headline", "slug", "dek", "section", "tags", "body", "lead_image", "lead_image_alt",
            "lead_image_caption", "lead_image_credit", "published_at", "unpublish_at",
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
