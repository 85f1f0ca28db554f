from django.apps import AppConfig


class ImportersConfig(AppConfig):
    """Moving content over from other systems (WordPress)."""

    name = "importers"
    verbose_name = "Importers"
