from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The content API (docs/api.md): read endpoints, tokens, and the write door to the workflow."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "Content API"
