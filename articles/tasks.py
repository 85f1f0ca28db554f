"""Background work after article changes, on Django's tasks framework (any backend).

A CDN's purge API is slow now and then and down now and then: on the queue it never holds up
an editor's save, and a failed purge runs again with backoff (docs/operations.md).
"""

from django.tasks import task

from core.cache.pages import purge_urls


@task
def purge_cdn(urls: list[str]) -> int:
    """Tell the CDN (settings.CDN_PURGE_CALLABLE) that `urls` changed; returns how many."""
    purge_urls(urls)
    return len(urls)
