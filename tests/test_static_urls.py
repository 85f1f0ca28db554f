"""core/static_urls.py: `static()` answered once per path, and again after a settings change."""

from unittest import mock

from django.templatetags.static import static
from django.test import override_settings

from core import static_urls

PATHS = ["css/site.css", "img/favicon.svg", "js/embeds.js"]


def test_the_same_answer_as_static_computed_once_per_path():
    static_urls.static_url.cache_clear()
    with mock.patch.object(static_urls, "static", wraps=static) as spy:
        first = [static_urls.static_url(path) for path in PATHS]
        again = [static_urls.static_url(path) for path in PATHS]
    assert first == again == [static(path) for path in PATHS]
    assert spy.call_count == len(PATHS)


def test_a_new_static_url_is_not_answered_from_the_memo():
    before = static_urls.static_url("css/site.css")
    with override_settings(STATIC_URL="/assets/"):
        moved = static_urls.static_url("css/site.css")
        assert moved.startswith("/assets/css/site")
    assert static_urls.static_url("css/site.css") == before
