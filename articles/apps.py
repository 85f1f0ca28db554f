from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        # context_processors: registers the navigation with the values every page shows.
        from articles import context_processors, signals, tagging  # noqa: F401
        from articles.models import Article
        from core.cache.lifetimes import schedule_changes_from

        schedule_changes_from(Article.objects.next_visibility_change)
        tagging.connect()
