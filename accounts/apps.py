from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in throttling and its receivers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401 (connects the receivers)
