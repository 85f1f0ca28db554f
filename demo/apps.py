from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark content, written for the project."""

    name = "demo"
    verbose_name = "Demo content"
