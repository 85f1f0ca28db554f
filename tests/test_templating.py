"""newsroom/templating.py: values a public template writes are escaped as MarkupSafe escapes
them, without the `Markup` wrapper, wherever the page writes them."""

import datetime
from decimal import Decimal

import jinja2.utils
import pytest
from django.template import engines
from django.utils.safestring import mark_safe
from jinja2 import pass_context
from markupsafe import Markup, escape

from core.escaping import escape_output
from newsroom import templating


class Html:
    def __html__(self) -> str:
        return "<b>already safe</b>"


class Text:
    def __str__(self) -> str:
        return "<i>a & b</i>"


VALUES = [
    "plain",
    "",
    "<script>alert('x')</script> & \"quotes\"",
    "accents é, “curly” quotes and 🚀",
    "x" * 10_000 + "<",
    42,
    -1.5,
    Decimal("3.10"),
    None,
    True,
    datetime.date(2026, 12, 3),
    ["<a>", 1],
    Markup("<em>safe</em>"),
    mark_safe("<strong>django safe</strong>"),
    Html(),
    Text(),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_escape_output_writes_what_markupsafe_escape_writes(value):
    written = escape_output(value)
    assert written == str(escape(value))
    assert isinstance(written, str)


def _render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_templates_write_values_through_it(monkeypatch):
    calls = []

    def counted(value):
        calls.append(value)
        return escape_output(value)

    monkeypatch.setattr(templating.PublicEnvironment, "escape_output", staticmethod(counted))
    source = (
        "{{ a }}|{% for x in items %}{{ x }}{% endfor %}|{% set s %}<{{ b }}>{% endset %}{{ s }}"
    )
    html = _render(source, a="<1>", items=["&", 2], b="'")
    assert html == "&lt;1&gt;|&amp;2|<&#39;>"
    assert calls[:3] == ["<1>", "&", 2]


def test_safe_values_macros_and_blocks_are_not_escaped_twice():
    source = (
        "{% macro tag(x) %}<b>{{ x }}</b>{% endmacro %}"
        "{{ tag('<i>') }}{{ safe }}{{ '<raw>'|safe }}{% set block %}<p>{{ t }}</p>{% endset %}"
        "{{ block }}{{ t ~ '!' }}"
    )
    html = _render(source, safe=mark_safe("<u>ok</u>"), t="&")
    assert html == "<b>&lt;i&gt;</b><u>ok</u><raw><p>&amp;</p>&amp;!"


class Greeter:
    def greet(self, name: str, punctuation: str = "!") -> str:
        return f"Hello, {name}{punctuation}"


@pass_context
def context_name(context, suffix: str = "") -> str:
    return context["name"] + suffix


class ContextCallable:
    @pass_context
    def __call__(self, context) -> str:
        return f"object sees {context['name']}"


def test_calls_from_templates_keep_jinjas_rules():
    def stop():
        raise StopIteration

    source = (
        "{% macro macro_user() %}macro{% endmacro %}"
        "{{ add(1, 2) }}|{{ greeter.greet('Ada', punctuation='?') }}|{{ len('four') }}|"
        "{{ context_name('.') }}|{% for x in [1] %}{{ context_name(x|string) }}{% endfor %}|"
        "{{ holder() }}|{{ stop() }}|{{ macro_user() }}"
    )
    html = _render(
        source,
        add=lambda a, b: a + b,
        greeter=Greeter(),
        len=len,
        context_name=context_name,
        holder=ContextCallable(),
        stop=stop,
        name="Bo",
    )
    assert html == "3|Hello, Ada?|4|Bo.|Bo1|object sees Bo||macro"


def test_plain_functions_are_called_without_asking_for_jinjas_marks(monkeypatch):
    asked = []
    original = jinja2.utils._PassArg.from_obj

    def counted(obj):
        asked.append(obj)
        return original(obj)

    monkeypatch.setattr(jinja2.utils._PassArg, "from_obj", staticmethod(counted))
    assert _render("{{ add(1, 2) }}{{ greeter.greet('Ada') }}", add=max, greeter=Greeter()) == (
        "2Hello, Ada!"
    )
    assert asked == []
