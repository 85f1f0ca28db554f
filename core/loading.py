"""Model instances made from database rows without running `Model.__init__()`.

Django makes every instance a query returns through `Model.__init__()`: two signals sent, then
one `setattr()` per field through its descriptor, for rows that are already clean values. A
home page reads about a hundred instances (each story with its section and lead image), and
making them was about a sixth of its uncached CPU time (docs/performance.md, "Instances
without `__init__`, and smaller cuts").

`Model.from_db()` is Django's documented hook for making instances from rows: `RowLoaded`
replaces it on the models public pages read in numbers. The instance gets its fields' values
written straight into its `__dict__` (what the descriptors' `__set__` does for a new instance:
plain fields have no setter, file fields and foreign keys store the raw value) and a
`ModelState` saying it came from `db`; fields the query left out stay deferred, as with
Django's way. While anything listens to `pre_init` or `post_init`, Django's own `from_db()`
runs, so those receivers keep being called (tests: tests/test_loading.py).
"""

from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


class RowLoaded:
    """Mixin for a model (before `models.Model` in its bases): instances loaded from the
    database skip `__init__()`. Add it only to models whose fields set nothing but the raw
    value when assigned (Django's own fields; no custom descriptor)."""

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        if pre_init.receivers or post_init.receivers:
            return super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        new = cls.__new__(cls)
        state = ModelState()
        state.adding = False
        state.db = db
        if fetch_mode is not None:
            state.fetch_mode = fetch_mode
        attributes = new.__dict__
        attributes["_state"] = state
        attributes.update(zip(field_names, values, strict=True))
        return new
