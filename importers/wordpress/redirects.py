"""Old WordPress redirects as redirects, written a batch at a time.

`redirects.recording.add_redirect(old, new)` removes the redirect from `new` (that URL is live
again), points the redirects to `old` at `new` (chains collapse) and updates the redirect from
`old` if there is one. Most of a first import's redirects need none of that: `old` is nowhere in
the table and `new` redirects nowhere. Those are collected and inserted with one `bulk_create`;
any other goes through `add_redirect`, after the collected ones are written, so it sees them.
"""

from dataclasses import dataclass, field
from typing import Self

from redirects.models import Redirect
from redirects.recording import add_redirect, normalize_path


@dataclass
class ImportRedirects:
    """The redirect paths the run knows of; part of `ImportState`, so a rollback forgets the
    ones its batch added."""

    # Every path redirected from, and every path redirected to, in the table or pending.
    # Rows removed meanwhile stay in them: that only sends more redirects the long way.
    sources: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    pending: list[Redirect] = field(default_factory=list)
    # old path → new path as stored or pending, so a re-run skips redirects already in place.
    pairs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_table(cls) -> Self:
        redirects = cls()
        for old_path, new_path in Redirect.objects.values_list("old_path", "new_path").iterator():
            redirects.sources.add(old_path)
            redirects.targets.add(new_path)
            redirects.pairs[old_path] = new_path
        return redirects

    def add(self, old_path: str, new_path: str, source: str = Redirect.Source.IMPORT) -> bool:
        """Send `old_path` to `new_path` (written by `flush()` at the latest); False if that
        redirect was already there."""
        old_path, new_path = normalize_path(old_path), normalize_path(new_path)
        if self.pairs.get(old_path) == new_path:
            return False  # already there
        if old_path in self.sources or old_path in self.targets or new_path in self.sources:
            self.flush()
            add_redirect(old_path, new_path, source=source)
            # What add_redirect did to the table: chains into `old_path` collapsed, `new_path`
            # live again.
            self.pairs = {o: new_path if n == old_path else n for o, n in self.pairs.items()}
            self.pairs.pop(new_path, None)
        elif old_path != new_path:
            self.pending.append(Redirect(old_path=old_path, new_path=new_path, source=source))
        self.sources.add(old_path)
        self.targets.add(new_path)
        self.pairs[old_path] = new_path
        return True

    def remove_to(self, new_paths: list[str]) -> None:
        """Drop the redirects leading to `new_paths` (an article that is no longer public)."""
        self.flush()
        Redirect.objects.filter(new_path__in=new_paths).delete()
        self.pairs = {old: new for old, new in self.pairs.items() if new not in new_paths}

    def flush(self) -> None:
        Redirect.objects.bulk_create(self.pending)
        self.pending = []
