"""Every model change has its migration: a field or help text edited without one would leave
`migrate` reporting pending changes on a deployed site."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit:  # --check exits 1 when a migration is missing
        pytest.fail(f"missing migrations:\n{output.getvalue()}")
