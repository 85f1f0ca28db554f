"""Administrators see background jobs in the admin (the role's apps gain django_tasks_db)."""

from django.db import migrations

from editorial.roles import install_roles


class Migration(migrations.Migration):
    dependencies = [
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("articles", "0009_tags_never_have_an_empty_slug"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
