"""`reverse()` memoized for the links every page repeats (articles, sections, authors).

A list page links about a hundred objects, and Django's `reverse()` (resolver lookup, argument
checks, quoting) was a fifth of an uncached section front's CPU time. The answer depends only on
the view name, its arguments, the URLconf and the script prefix, so those are the memo key.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse

from core import render_state


@lru_cache(maxsize=16_384)
def _reverse(prefix: str, urlconf: str | None, viewname: str, kwargs: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def cached_reverse(viewname: str, **kwargs) -> str:
    """Like `reverse(viewname, kwargs=kwargs)`, computed once per process for each answer.

    The key keeps the arguments in the caller's order (each call site always passes them in
    the same order; two orders of the same arguments are two entries with the same answer)."""
    prefix, urlconf = render_state.prefix_and_urlconf()
    return _reverse(prefix, urlconf, viewname, tuple(kwargs.items()))


@receiver(setting_changed)
def forget_on_urlconf_change(setting: str, **kwargs) -> None:
    """Tests that swap ROOT_URLCONF must not get links of the previous one."""
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
