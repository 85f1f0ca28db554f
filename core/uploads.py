"""Uploads that fail leave nothing behind, on any storage (local disk in development, S3).

A model's files are written to storage before its row is inserted, so when the save (or
anything after it in the same request, such as inline formsets) fails, the transaction rolls
the rows back but the files would stay as orphans. The code that writes a file for a row calls
`track_written()`; an open `discard_files_on_failure()` block deletes what was tracked in it
if it ends in an exception. Blocks nest: a block that succeeds hands its files to the enclosing
one, which may still fail. The middleware opens one block per request and also treats a 5xx
answer as failure.

Names are recorded by the writer rather than by a storage subclass, so any storage backend
configured in STORAGES gets this without wrapping.
"""

import contextlib
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.core.files.storage import Storage
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

Written = list[tuple[Storage, str]]

_written: ContextVar[Written | None] = ContextVar("written", default=None)


def track_written(storage: Storage, name: str) -> None:
    """Note that `name` was just written to `storage` for a row not yet committed."""
    written = _written.get()
    if written is not None:
        written.append((storage, name))


def _discard(written: Written) -> None:
    for storage, name in written:
        try:
            storage.delete(name)
            logger.info("Deleted %s: the upload's request failed", name)
        except Exception:  # any backend's error: the cleanup must not hide the failure
            logger.exception("Could not delete orphan upload %s", name)


@contextlib.contextmanager
def discard_files_on_failure() -> Iterator[Written]:
    """Delete the files tracked inside the block if the block raises.

    On success they pass to the enclosing block, if any, which answers for them from then on.
    """
    enclosing = _written.get()
    written: Written = []
    token = _written.set(written)
    try:
        yield written
    except BaseException:
        _discard(written)
        raise
    finally:
        _written.reset(token)
    if enclosing is not None:
        enclosing.extend(written)


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
