from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """Feeds, sitemaps, structured data and social tags: how articles travel."""

    name = "distribution"
    verbose_name = "Distribution"
