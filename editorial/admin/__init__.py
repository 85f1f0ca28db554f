"""Admin for sections, articles, home-page picks and import notes: the editors' workplace.

Roles are enforced here on the server (querysets, `has_*_permission`, read-only fields and the
workflow's own checks), never only by hiding buttons. See docs/editor-guide.md.
Django's admin autodiscovery imports this package, and the imports below register each admin.
"""

from editorial.admin import articles, home, sections, tags, wordpress  # noqa: F401 (registration)
