"""`static()` memoized: the style sheet, favicon, scripts and publisher logo every page names.

With the manifest storage of production, `static(path)` looks the hashed name up and joins it
to `STATIC_URL`: 20–60 µs each, a few times per page. The answer is fixed for the life of the
process (the manifest is read once, when the storage starts), so it is kept per path; tests
that change `STATIC_URL` or `STORAGES` get a fresh memo.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static


@lru_cache(maxsize=1024)
def static_url(path: str) -> str:
    """Like `static(path)`, computed once per process for each path."""
    return static(path)


@receiver(setting_changed)
def forget_on_storage_change(setting: str, **kwargs) -> None:
    if setting in ("STATIC_URL", "STORAGES"):
        static_url.cache_clear()
