from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from articles import signals, tagging  # noqa: F401 (signals connects its receivers)
        from articles.models import Article
        from core.cache.lifetimes import schedule_changes_from

        schedule_changes_from(Article.objects.next_visibility_change)
        tagging.connect()
