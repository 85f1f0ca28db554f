from django.apps import AppConfig


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Pages and menus"

    def ready(self) -> None:
        # menus: registers the menus with the values every page shows (core.site_values).
        from pages import menus, signals  # noqa: F401
