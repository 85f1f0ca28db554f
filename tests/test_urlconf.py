"""The root URLconf's order: the reading site's addresses are tried first, and moving them
first shadows nothing."""

import pytest
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from articles import views

# One address of each kind the articles app answers, the way readers reach them.
READING = {
    "/": views.home,
    "/latest/": views.LatestView,
    "/latest/2026/": views.DateArchiveView,
    "/articles/12/": views.article_shortlink,
    "/articles/12/harbour-reopens/": views.article_detail,
    "/sections/technology/": views.SectionFrontView,
    "/tags/ferries/": views.TagPageView,
    "/authors/mara-quill/": views.AuthorPageView,
    "/corrections/": views.CorrectionsView,
}


def _view(match):
    return getattr(match.func, "view_class", match.func)


def _module(pattern) -> str:
    return getattr(getattr(pattern, "urlconf_module", None), "__name__", "")


def _answers(pattern, path: str) -> bool:
    try:
        return pattern.resolve(path.lstrip("/")) is not None
    except Resolver404:
        return False


def test_the_reading_site_is_the_first_pattern_tried():
    first = get_resolver().url_patterns[0]
    assert isinstance(first, URLResolver) and _module(first) == "articles.urls"


@pytest.mark.parametrize("path", READING)
def test_no_other_app_answers_a_reading_address(path):
    """What the order would change: an address another app also matched. None does (the
    static pages' catch-all comes last on purpose and is left out)."""
    assert _view(resolve(path)) is READING[path]
    others = [p for p in get_resolver().url_patterns[1:] if _module(p) != "pages.urls"]
    assert [pattern for pattern in others if _answers(pattern, path)] == []


@pytest.mark.parametrize(
    "path", ["/sections/technology/feed/", "/tags/ferries/feed/atom/", "/authors/mara-quill/feed/"]
)
def test_the_feeds_beside_the_lists_still_reach_their_app(path):
    assert resolve(path).app_name == "distribution"
