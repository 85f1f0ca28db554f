from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project package as an app, so its signal receivers are connected at start-up."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsroom import signals  # noqa: F401
