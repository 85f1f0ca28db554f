"""Old WordPress permalinks as redirects, written a batch at a time.

`permalinks.routing.add_redirect(old, new)` removes the redirect from `new` (that URL is live
again), points the redirects to `old` at `new` (chains collapse) and updates the redirect from
`old` if there is one. Most of a first import's redirects need none of that: `old` is nowhere in
the table and `new` redirects nowhere. Those are collected and inserted with one `bulk_create`;
any other goes through `add_redirect`, after the collected ones are written, so it sees them.
"""

from permalinks.models import Redirect
from permalinks.routing import add_redirect, normalize_path


class ImportRedirects:
    def __init__(self):
        # Every path redirected from, and every path redirected to, in the table or pending.
        # Rows removed meanwhile stay in them: that only sends more redirects the long way.
        self.sources: set[str] = set()
        self.targets: set[str] = set()
        self.pending: list[Redirect] = []
        for old_path, new_path in Redirect.objects.values_list("old_path", "new_path").iterator():
            self.sources.add(old_path)
            self.targets.add(new_path)

    def add(self, old_path: str, new_path: str, source: str = Redirect.Source.IMPORT) -> None:
        """Send `old_path` to `new_path` (written by `flush()` at the latest)."""
        old_path, new_path = normalize_path(old_path), normalize_path(new_path)
        if old_path in self.sources or old_path in self.targets or new_path in self.sources:
            self.flush()
            add_redirect(old_path, new_path, source=source)
        elif old_path != new_path:
            self.pending.append(Redirect(old_path=old_path, new_path=new_path, source=source))
        self.sources.add(old_path)
        self.targets.add(new_path)

    def remove_to(self, new_paths: list[str]) -> None:
        """Drop the redirects leading to `new_paths` (an article that is no longer public)."""
        self.flush()
        Redirect.objects.filter(new_path__in=new_paths).delete()

    def flush(self) -> None:
        Redirect.objects.bulk_create(self.pending)
        self.pending = []

    def state(self) -> tuple[set[str], set[str]]:
        """What `roll_back_to` needs to forget the redirects added after this call."""
        return set(self.sources), set(self.targets)

    def roll_back_to(self, state: tuple[set[str], set[str]]) -> None:
        """After a database rollback: the redirects added since `state()` are not there."""
        self.sources, self.targets = state
        self.pending = []
