from django.apps import AppConfig


class PermalinksConfig(AppConfig):
    name = "permalinks"
    verbose_name = "Redirects"

    def ready(self) -> None:
        from . import signals

        signals.connect()
