"""Give the roles their image-library permissions (the library arrived after the roles)."""

from django.db import migrations

from editorial.roles import install_roles


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_lead_image_library"),
        ("images", "0001_initial"),
    ]

    operations = [migrations.RunPython(install_roles, migrations.RunPython.noop)]
