"""Hostile input at every public URL pattern: answers are 2xx, 3xx or 4xx, never a 5xx.

The patterns are read from the URL resolver, so a view added later is fuzzed without touching
this file. Path segments, query strings and form values come from hypothesis: arbitrary
Unicode, raw bytes (percent-encoded, as a browser or attacker would send them), and classic
payloads (traversal, SQL, markup, NUL, huge numbers).
"""

import re
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory

PRIVATE_NAMESPACES = {"admin", "desk"}  # staff pages behind the admin login (fuzzed per role)
# Search is public by contract (DESIGN.md), fuzzed even before its view exists here.
EXTRA_ROUTES = ["search/"]
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")

PAYLOADS = [
    "", " ", "..", "../../etc/passwd", "%2e%2e%2f", "\x00", "' OR 1=1 --", '"><script>x</script>',
    "{{7*7}}", "${jndi:ldap://x}", "-1", "0", "99999999999999999999999999", "1e309", "NaN",
    "\u202e", "\ud7ff", "𝕏" * 50, "a" * 5000, "%", "%%", "%ff", "?", "#", ";", "\r\nSet-Cookie: x",
]  # fmt: skip


def _public_routes(patterns=None, prefix: str = "", namespace: str | None = None):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner not in PRIVATE_NAMESPACES:
                yield from _public_routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


ROUTES = sorted({*_public_routes(), *EXTRA_ROUTES})

hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
)
segment = st.one_of(
    hostile_text.map(lambda text: quote(text, safe="")),
    st.binary(max_size=40).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["technology", "privacy", "mara-quill", "1", "2"]),
)
query = st.lists(
    st.tuples(
        st.sampled_from(["page", "q", "sort", "format", "next"]) | hostile_text, hostile_text
    ),
    max_size=4,
).map(lambda pairs: urlencode([(key.encode(), value.encode()) for key, value in pairs]))
form = st.dictionaries(
    st.sampled_from(["q", "email", "name", "body"]) | hostile_text, hostile_text, max_size=4
).map(lambda values: urlencode([(key.encode(), value.encode()) for key, value in values.items()]))


def _path(route: str, draw) -> str:
    """Fill each <converter:name> of `route` with a drawn segment; regex routes get one too."""
    if route.startswith("^"):
        route = re.sub(r"\(\?P<\w+>[^)]*\)", lambda _: draw(segment), route.strip("^$"))
        return "/" + route.replace("\\", "")
    return "/" + PARAMETER.sub(lambda _: draw(segment), route)


@pytest.fixture
def content(db):
    ArticleFactory(tags=["privacy"])
    return None


FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("route", ROUTES)
@FUZZ
@given(data=st.data(), query_string=query)
def test_get_with_hostile_path_and_query_never_answers_5xx(
    client, content, route, data, query_string
):
    url = _path(route, data.draw) + ("?" + query_string if query_string else "")
    response = client.get(url)
    assert response.status_code < 500, url


@pytest.mark.parametrize("route", ROUTES)
@FUZZ
@given(data=st.data(), values=form)
def test_post_with_hostile_form_values_never_answers_5xx(client, content, route, data, values):
    url = _path(route, data.draw)
    response = client.post(url, values, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500, url


def test_every_public_pattern_is_fuzzed_including_search():
    assert "articles/<int:pk>/<str:slug>/" in ROUTES
    assert "search/" in ROUTES
    assert not any(route.startswith("admin/") for route in ROUTES)


@pytest.mark.parametrize("route", ROUTES)
def test_every_classic_payload_in_every_parameter_and_query_never_answers_5xx(
    client, content, route
):
    """The payloads above, each in every path parameter and as `q` and `page`, every time."""
    for payload in PAYLOADS:
        encoded = quote(payload, safe="")
        url = _path(route, lambda _strategy, value=encoded: value)
        for full in (url, f"{url}?{urlencode({'q': payload, 'page': payload})}"):
            response = client.get(full)
            assert response.status_code < 500, full
