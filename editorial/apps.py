from django.apps import AppConfig
from django.conf import settings
from django.utils.functional import lazy
from taggit.apps import TaggitAppConfig


def admin_titles() -> tuple[str, str]:
    """The admin's header and window title: the publication's name, read when a page is drawn
    (not at start-up), so SITE_NAME is all a newsroom sets."""
    header = lazy(lambda: settings.SITE_NAME, str)()
    title = lazy(lambda: f"{settings.SITE_NAME} newsroom", str)()
    return header, title


class EditorialConfig(AppConfig):
    """The newsroom's work on articles: workflow, revisions, trash, checks, previews, admin."""

    name = "editorial"
    verbose_name = "Editorial"
    default = True  # this module also holds TagsConfig (and imports taggit's)

    def ready(self) -> None:
        from django.contrib import admin

        admin.site.site_header, admin.site.site_title = admin_titles()


class TagsConfig(TaggitAppConfig):
    """django-taggit under the name editors read in the admin: "Tags", not "Taggit"."""

    verbose_name = "Tags"
