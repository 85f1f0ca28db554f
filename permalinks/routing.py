"""Recording redirects so that chains collapse and loops cannot form."""

from django.db import transaction

from .models import Redirect


def normalize_path(path: str) -> str:
    """Paths are stored without scheme/host and with a leading slash."""
    path = path.strip()
    return path if path.startswith("/") else f"/{path}"


@transaction.atomic
def add_redirect(
    old_path: str, new_path: str, source: str = Redirect.Source.MANUAL
) -> Redirect | None:
    """Send `old_path` to `new_path` with a 301, keeping the table free of chains and loops.

    - Redirects that pointed at `old_path` now point straight at `new_path` (A→B→C is A→C).
    - A redirect *from* `new_path` is removed: that URL is live again, so it must not redirect.
    - A redirect to itself is never stored.
    """
    old_path, new_path = normalize_path(old_path), normalize_path(new_path)
    if old_path == new_path:
        return None
    Redirect.objects.filter(old_path=new_path).delete()
    Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
    redirect, _ = Redirect.objects.update_or_create(
        old_path=old_path, defaults={"new_path": new_path, "source": source}
    )
    return redirect
