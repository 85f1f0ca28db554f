from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Reader search over public articles and the index that keeps it fast."""

    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from search import signals  # noqa: F401 (connects the receivers)
