from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    name = "redirects"
    # The app was called "permalinks" first: its label keeps tables, migrations, permissions
    # and the admin's URLs (/admin/permalinks/redirect/) as they were.
    label = "permalinks"
    verbose_name = "Redirects"

    def ready(self) -> None:
        from redirects import signals

        signals.connect()
