"""Moving files from the old per-model image fields into the library (used by migrations).

Functions take the historical `Image` model a migration hands them, so they keep working
however the live model changes later.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from images.originals import clean_upload, stored


def check_constraints_now(schema_editor) -> None:
    """Run PostgreSQL's deferred foreign-key checks now, so the same migration may alter the
    tables afterwards ("cannot ALTER TABLE ... because it has pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def import_legacy_file(image_model, name: str, **fields):
    """A library row for the stored file `name`, cleaned like an upload; None if unusable.

    The old, uncleaned file is deleted once the migration commits: it may carry GPS data and
    nothing points at it any more. Reversing points the old field at the clean copy.
    """
    if not name or not default_storage.exists(name):
        return None
    try:
        with default_storage.open(name, "rb") as source:
            original = clean_upload(source)
    except ValidationError:
        return None
    with stored(original) as clean_name:
        image = image_model.objects.create(
            file=clean_name,
            width=original.width,
            height=original.height,
            has_alpha=original.has_alpha,
            sha256=original.sha256,
            file_size=len(original.content),
            **fields,
        )
    if clean_name != name:
        transaction.on_commit(lambda: default_storage.delete(name))
    return image
