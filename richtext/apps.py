from django.apps import AppConfig


class RichtextConfig(AppConfig):
    name = "richtext"
    verbose_name = "Rich text"

    def ready(self) -> None:
        from richtext import signals  # noqa: F401 (connects its receivers)
