"""Give administrators the webhook permissions (subscriptions and the delivery log)."""

from django.db import migrations

from editorial.roles import install_roles


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
