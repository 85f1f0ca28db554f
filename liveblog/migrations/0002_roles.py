"""Give the role groups their live blog permissions (editorial/roles.py lists them)."""

from django.db import migrations

from editorial.roles import install_roles


class Migration(migrations.Migration):
    dependencies = [("liveblog", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
