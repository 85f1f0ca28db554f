"""Plain text without the characters nobody means to type: one rule for storage and output.

A headline pasted from a PDF or a spreadsheet can carry a vertical tab or a form feed that no
editor sees. XML 1.0 cannot carry those characters at all (Django's feed writer raises, a
template-rendered sitemap stops being well-formed), PostgreSQL refuses NUL, and UTF-8 cannot
encode a lone surrogate. So text fields are cleaned when they are written (`CleanCharField`,
`CleanTextField`, also for `update()` and bulk writes), and XML output passes whatever is
stored through the same function (`CleanXMLFeed`, `clean_text` on rendered sitemaps), because
rows written before the fix, or by raw SQL, may still hold them.

Removed: C0 controls except tab, newline and carriage return; DEL and the C1 controls; lone
surrogates; the non-characters U+FFFE and U+FFFF (also outside XML). The controls that act as
spaces (vertical tab, form feed, the information separators, NEL) become a space, so words they
separated stay apart.
"""

import re
from typing import Any

from django.db import models
from django.utils.feedgenerator import SyndicationFeed

_SPACE_LIKE = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: Any) -> Any:
    """`value` without control characters, lone surrogates and non-characters; non-text as is."""
    if not isinstance(value, str) or not value:
        return value
    return _UNWANTED.sub("", _SPACE_LIKE.sub(" ", value))


class CleanTextMixin:
    """Model field mixin: the value is cleaned on every write, and in lookups.

    `pre_save` keeps the instance equal to its row after `save()` and `bulk_create()`;
    `get_prep_value` covers `update()`, `bulk_update()` and lookups, so a filter with a NUL in
    it never reaches PostgreSQL.
    """

    def pre_save(self, model_instance, add):
        value = clean_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return clean_text(super().get_prep_value(value))


class CleanCharField(CleanTextMixin, models.CharField):
    """A CharField whose stored value never holds control characters."""


class CleanTextField(CleanTextMixin, models.TextField):
    """A TextField whose stored value never holds control characters (tab and newline stay)."""


class _CleaningHandler:
    """Wraps Django's SimplerXMLGenerator so every text and attribute value is cleaned first."""

    def __init__(self, handler) -> None:
        self._handler = handler

    def __getattr__(self, name: str):
        return getattr(self._handler, name)

    def characters(self, content) -> None:
        self._handler.characters(clean_text(content))

    def startElement(self, name, attrs) -> None:
        self._handler.startElement(name, {key: clean_text(v) for key, v in attrs.items()})

    def addQuickElement(self, name, contents=None, attrs=None) -> None:
        self.startElement(name, attrs or {})
        if contents is not None:
            self.characters(contents)
        self._handler.endElement(name)


class CleanXMLFeed(SyndicationFeed):
    """Feed generator mixin: what stored text holds can no longer make the feed a 500.

    Everything a feed writes outside its fixed root element goes through `add_root_elements`
    and `write_items`; both hand on a cleaning handler, so a subclass's own
    `add_item_elements` (bylines, media) is covered too. It must come before the concrete
    generator in the bases: `class NewsRssFeed(CleanXMLFeed, Rss201rev2Feed)`.
    """

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(_CleaningHandler(handler))

    def write_items(self, handler) -> None:
        super().write_items(_CleaningHandler(handler))
