from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The newsroom desk: dashboard, story budget, assignments, notes, notifications."""

    name = "desk"
    verbose_name = "Desk"

    def ready(self) -> None:
        from desk import filters, signals

        signals.connect()
        filters.install()
