"""Give editors and administrators their page, menu and brand permissions."""

from django.db import migrations

from editorial.roles import install_roles


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("branding", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
