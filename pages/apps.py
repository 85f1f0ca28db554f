from django.apps import AppConfig


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Pages and menus"

    def ready(self) -> None:
        from pages import signals  # noqa: F401
