from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the cache invalidation receivers)
