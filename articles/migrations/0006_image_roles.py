"""Give the roles their image-library permissions (the library arrived after the roles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.roles import ensure_roles


def update_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_lead_image_library"),
        ("images", "0001_initial"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
