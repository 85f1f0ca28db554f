from django.apps import AppConfig


class LiveblogConfig(AppConfig):
    name = "liveblog"
    verbose_name = "Live blogs"

    def ready(self) -> None:
        from liveblog import signals  # noqa: F401 (connects its receivers)
