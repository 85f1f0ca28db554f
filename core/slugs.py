"""Slugs that are never empty, for names that have no letter or digit.

`slugify("😀")`, `slugify("#")` and `slugify("!!!")` are all `""`, and an empty slug cannot be
put in a URL: the page of that tag, section or author cannot be reversed, and every save that
names it fails (a tag called `#` once broke every article save). Such names are spelled with
the Unicode names of their symbols instead (`😀` → `grinning-face`, `#` → `number-sign`),
which stays readable in a URL, and a generic word is the last resort (a name of spaces alone).
"""

import itertools
import unicodedata

from django import forms
from django.db.models import QuerySet
from django.utils.text import slugify


def slug_from(text: str) -> str:
    """`slugify(text)` (Unicode kept), or the names of its symbols if that is empty."""
    slug = slugify(text, allow_unicode=True)
    if slug:
        return slug
    # Punctuation and symbols only (skin-tone modifiers, joiners and spaces say nothing), and
    # a run of the same one named once: `!!!` is `exclamation-mark`.
    names = [
        name
        for char in text
        if unicodedata.category(char)[0] in "PS"
        and not (name := unicodedata.name(char, "")).startswith("EMOJI MODIFIER")
    ]
    return slugify(" ".join(name for name, _ in itertools.groupby(names)), allow_unicode=True)


def unique_slug(taken: QuerySet, text: str, max_length: int, fallback: str) -> str:
    """A slug for `text` that no row of `taken` has (`-2`, `-3`… added), never empty.

    `taken` is the model's rows other than the one being saved; `fallback` is the word used
    when `text` gives nothing at all.
    """
    base = slug_from(text)[:max_length].strip("-") or fallback
    candidate, number = base, 1
    while taken.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate


class SlugFromNameForm(forms.ModelForm):
    """A model form whose `slug`, left empty, is made from `name` (never empty, unique).

    The admin's prepopulated slug is filled in the browser from the name, and comes out empty
    for a name like `😀`; rather than answering "This field is required." about a field the
    editor never typed in, the server makes the slug.
    """

    slug_fallback = "page"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Part of the URL. Left empty, it is made from the name."

    def clean(self) -> dict:
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug") and "slug" not in self.errors:
            model = self._meta.model
            cleaned["slug"] = unique_slug(
                model._default_manager.exclude(pk=self.instance.pk),
                cleaned.get("name") or "",
                max_length=model._meta.get_field("slug").max_length,
                fallback=self.slug_fallback,
            )
        return cleaned
