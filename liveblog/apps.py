from django.apps import AppConfig


class LiveblogConfig(AppConfig):
    name = "liveblog"
    verbose_name = "Live blogs"

    def ready(self) -> None:
        # reading: registers the live stories with the values every page shows.
        from liveblog import reading, signals  # noqa: F401 (signals connects its receivers)
