from django.apps import AppConfig


class BrandingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "branding"
    verbose_name = "Branding"

    def ready(self) -> None:
        from branding import signals  # noqa: F401
