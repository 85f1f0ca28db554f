"""Give the role groups the desk's permissions (editorial.roles lists them)."""

from django.db import migrations

from editorial.roles import install_roles


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_desk"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
