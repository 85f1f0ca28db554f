"""`fast_date` (core/dates.py) answers what Django's `date` filter does, in every time zone and
language, for any value; only faster on the second call."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from core import dates

VALUES = [
    datetime(2026, 12, 31, 23, 30, tzinfo=UTC),  # already 1 January in Paris
    datetime(2026, 3, 29, 0, 59, 59, 5, tzinfo=UTC),  # a summer-time change
    datetime(2026, 7, 4, 9, 5),  # naive
    date(2026, 2, 1),
    None,
    "",
    "not a date",
]
FORMATS = ["c", "j M Y", "j F Y, H:i", "H:i T", "DATE_FORMAT", None]


def render(name: str, value, format) -> str:
    """The filter's output, or the name of the error it raised."""
    argument = "" if format is None else ":fmt"
    try:
        return Template(f"{{{{ value|{name}{argument} }}}}").render(
            Context({"value": value, "fmt": format})
        )
    except Exception as error:  # the comparison is the point
        return type(error).__name__


def both(value, format) -> tuple[str, str]:
    return render("date", value, format), render("fast_date", value, format)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "America/Los_Angeles"])
@pytest.mark.parametrize("language", ["en-gb", "de"])
def test_the_same_answer_as_the_date_filter(zone, language):
    with timezone.override(zone), translation.override(language):
        for value in VALUES:
            for format in FORMATS:
                django, ours = both(value, format)
                assert ours == django, (value, format)
                assert both(value, format)[1] == django  # the memo's answer too


def test_a_time_zone_or_language_switch_is_never_answered_from_the_memo():
    new_year = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with timezone.override("UTC"):
        assert both(new_year, "j F Y")[1] == "31 December 2026"
    with timezone.override("Europe/Paris"):
        assert both(new_year, "j F Y")[1] == "1 January 2027"
        with translation.override("de"):
            assert both(new_year, "j F Y")[1] == "1 Januar 2027"


def test_a_repeated_date_is_formatted_once():
    dates._formatted.cache_clear()
    moment = datetime(2026, 5, 6, 7, 8, tzinfo=UTC)
    for _ in range(3):
        both(moment, "j M Y")
    assert dates._formatted.cache_info().misses == 1
