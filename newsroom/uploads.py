"""Uploads that fail leave nothing behind.

A model's files are written to storage before its row is inserted, so when the save (or
anything after it in the same request, such as inline formsets) fails, the transaction rolls
the rows back but the files would stay as orphans. The storage below notes every file it writes
while a `discard_files_on_failure()` block is open; the block deletes them again if it ends in
an exception, and the middleware opens one per request and also treats a 5xx answer as failure.
"""

import contextlib
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.core.files.storage import FileSystemStorage, Storage
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

_written: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("written", default=None)


class TrackedFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that reports what it writes to an open `discard_files_on_failure`."""

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name


def _discard(written: list[tuple[Storage, str]]) -> None:
    for storage, name in written:
        try:
            storage.delete(name)
            logger.info("Deleted %s: the upload's request failed", name)
        except OSError:
            logger.exception("Could not delete orphan upload %s", name)


@contextlib.contextmanager
def discard_files_on_failure() -> Iterator[list[tuple[Storage, str]]]:
    """Delete the files written inside the block if the block raises."""
    written: list[tuple[Storage, str]] = []
    token = _written.set(written)
    try:
        yield written
    except BaseException:
        _discard(written)
        raise
    finally:
        _written.reset(token)


class DiscardFailedUploadsMiddleware:
    """A request answered with a 5xx keeps none of the files it wrote."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with discard_files_on_failure() as written:
            response = self.get_response(request)
        if response.status_code >= 500 and written:
            _discard(written)
        return response
