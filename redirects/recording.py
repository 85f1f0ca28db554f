"""Recording redirects so that chains collapse and loops cannot form."""

import re
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import transaction

from redirects.models import Redirect

# Characters a stored path may not hold: whitespace and control characters (browsers drop tab
# and newline from URLs, so `/\t/evil.example` is `//evil.example` to them), C1 controls,
# backslashes (read as `/`), and the query and fragment marks.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f?#\\]")
_EXAMPLE = "Enter a path on this site starting with “/”, such as /2013/03/old-post/"


def normalize_path(path: str) -> str:
    """Paths are stored decoded (as `request.path` sees them) and with a leading slash."""
    path = unquote(path.strip())
    return path if path.startswith("/") else f"/{path}"


def site_path_problem(path: str) -> str | None:
    """Why `path` (as stored, decoded) is not a plain path on this site, or None if it is.

    Checked on the value as it will be stored and answered, never on what was typed: `%2F`
    decodes to `/`, so `/%2Fevil.example/` is `//evil.example/`, another host. A path that is
    still percent-encoded is checked decoded too, in case something on the way decodes again.
    """
    for candidate in {path, unquote(path)}:
        if not candidate.startswith("/") or candidate[1:2] == "/":
            return "not_a_path"
        if _UNSAFE.search(candidate) or not candidate.isprintable():
            return "unsafe_character"
    return None


def validate_site_path(value: str) -> None:
    """Refuse anything but a plain path on this site, judged after `normalize_path`.

    The fallback middleware matches `request.path` exactly, so a query string could never
    match, and a target starting with `//` (or `/\\`) would send readers to another host.
    """
    typed = value.strip()
    problem = site_path_problem(normalize_path(typed)) if typed.startswith("/") else "not_a_path"
    if problem == "not_a_path":
        raise ValidationError(f"{_EXAMPLE} (no scheme or domain).", code="not_a_path")
    if problem:
        raise ValidationError(
            f"{_EXAMPLE}: no spaces, control characters, backslashes, query string (?…) or "
            "fragment (#…).",
            code="not_a_path",
        )


def final_target(old_path: str, new_path: str) -> str:
    """Where `old_path` should point so that no chain forms; ValidationError if it would loop."""
    old_path, new_path = normalize_path(old_path), normalize_path(new_path)
    target = (
        Redirect.objects.filter(old_path=new_path).values_list("new_path", flat=True).first()
        or new_path
    )
    if target == old_path:
        detail = "" if new_path == old_path else f" ({new_path} already redirects to {old_path})"
        raise ValidationError(f"This redirect would loop{detail}.", code="loop")
    return target


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
