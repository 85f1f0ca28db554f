from django.apps import AppConfig


class BrandingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "branding"
    verbose_name = "Branding"

    def ready(self) -> None:
        # brand: registers the brand with the values every page shows (core.site_values).
        from branding import brand, signals  # noqa: F401
