"""Old WordPress permalinks as redirects, written a batch at a time.

Most of a first import's redirects join two paths that are nowhere in the table yet: there is
nothing to collapse or remove, so they are collected and inserted with one `bulk_create`. One
that touches a path already in the table goes through `permalinks.routing.add_redirect`
(chains collapse, loops cannot form), after the collected ones are written, so it sees them.
"""

from permalinks.models import Redirect
from permalinks.routing import add_redirect, normalize_path


class ImportRedirects:
    def __init__(self):
        self.known: set[str] = set()  # every old and new path in the table, or pending
        self.pending: list[Redirect] = []
        for old_path, new_path in Redirect.objects.values_list("old_path", "new_path").iterator():
            self.known.update((old_path, new_path))

    def add(self, old_path: str, new_path: str, source: str = Redirect.Source.IMPORT) -> None:
        """Send `old_path` to `new_path` (written by `flush()` at the latest)."""
        old_path, new_path = normalize_path(old_path), normalize_path(new_path)
        if old_path in self.known or new_path in self.known:
            self.flush()
            add_redirect(old_path, new_path, source=source)
        elif old_path != new_path:
            self.pending.append(Redirect(old_path=old_path, new_path=new_path, source=source))
        self.known.update((old_path, new_path))

    def remove_to(self, new_paths: list[str]) -> None:
        """Drop the redirects leading to `new_paths` (an article that is no longer public)."""
        self.flush()
        Redirect.objects.filter(new_path__in=new_paths).delete()

    def flush(self) -> None:
        Redirect.objects.bulk_create(self.pending)
        self.pending = []

    def forget_pending(self) -> None:
        """After a rollback: the pending rows were never written."""
        self.pending = []
