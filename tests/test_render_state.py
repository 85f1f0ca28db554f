"""core/render_state.py: a public page's render reads the active language, time zone, URLconf
and script prefix once for all its links and dates, and still follows them between renders."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.template import engines
from django.urls import get_script_prefix, set_script_prefix
from django.utils import timezone, translation

from core import render_state
from core.dates import fast_date
from core.reversing import cached_reverse

NEW_YEAR = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # already 1 January in Paris
PAGE = (
    "{% for slug in slugs %}<a href=\"{{ url('articles:tag', slug=slug) }}\">"
    "{{ when|fast_date('j F Y') }}</a>{% endfor %}"
)


@pytest.fixture
def prefix():
    before = get_script_prefix()
    yield
    set_script_prefix(before)


def render(**context) -> str:
    return engines["jinja2"].from_string(PAGE).render(context)


def test_a_render_reads_each_value_once_for_all_its_links_and_dates():
    spies = [
        mock.patch.object(translation, "get_language", wraps=translation.get_language),
        mock.patch.object(timezone, "get_current_timezone", wraps=timezone.get_current_timezone),
        mock.patch.object(render_state, "get_script_prefix", wraps=get_script_prefix),
        mock.patch.object(render_state, "get_urlconf", wraps=render_state.get_urlconf),
    ]
    slugs = [f"topic-{n}" for n in range(20)]
    with spies[0] as language, spies[1] as zone, spies[2] as script, spies[3] as urlconf:
        html = render(slugs=slugs, when=NEW_YEAR)
        during = [spy.call_count for spy in (language, zone, script, urlconf)]
        fast_date(NEW_YEAR, "j F Y")  # outside a render: read each time, as before
        cached_reverse("articles:tag", slug="topic-0")
        after = [spy.call_count for spy in (language, zone, script, urlconf)]
    assert html.count("/tags/topic-") == 20
    assert during == [1, 1, 1, 1]
    assert after == [2, 2, 2, 2]


def test_each_render_follows_the_time_zone_language_and_prefix_active_when_it_starts(prefix):
    with timezone.override("UTC"):
        assert "31 December 2026" in render(slugs=["a"], when=NEW_YEAR)
    with timezone.override("Europe/Paris"):
        assert "1 January 2027" in render(slugs=["a"], when=NEW_YEAR)
        with translation.override("de"):
            assert "1 Januar 2027" in render(slugs=["a"], when=NEW_YEAR)
    set_script_prefix("/news/")
    assert 'href="/news/tags/a/"' in render(slugs=["a"], when=NEW_YEAR)


def test_a_nested_block_keeps_the_values_its_enclosing_block_read():
    with timezone.override("UTC"), render_state.held():
        with timezone.override("Europe/Paris"), render_state.held():
            assert fast_date(NEW_YEAR, "j F Y") == "31 December 2026"
        assert render_state.language_and_zone()[1] == timezone.get_current_timezone()
    with timezone.override("Europe/Paris"):  # nothing held now: read again
        assert fast_date(NEW_YEAR, "j F Y") == "1 January 2027"
