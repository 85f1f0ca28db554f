"""The names of what pages show: the one place cache tags are spelled.

A page depends on tags (`page_shows`, `depends_on`); an edit bumps the tags of what it changed
(`bump`). Both sides must spell a tag the same way, or the edit silently stops refreshing the
page, so every tag is built here: a model instance's from its model name and primary key
(`article:12`, `section:3`, `author:7`, `tag:5`), the rest as constants.
"""

from django.db.models import Model

# Every HTML page: the header navigation and section labels (bumped by any section change).
NAV = "nav"
# The home page and the newest-stories blocks beside every page (any public change).
HOME = "home"
FEEDS = "feeds"
# Every HTML page and feed: the site's logo, icons and theme colour (branding/).
BRAND = "brand"
# Every HTML page: the header and footer menus (pages/), and the pages they link to.
MENUS = "menus"
SITEMAPS = "sitemaps"
ROBOTS = "robots"


def tag_for(obj: Model) -> str:
    """The tag of `obj`: what pages showing it depend on."""
    return tag_for_pk(type(obj), obj.pk)


def tag_for_pk(model: type[Model], pk: object) -> str:
    """The tag of the `model` row `pk`, for code that holds a foreign key, not the object."""
    return f"{_prefix(model)}{pk}"


def is_tag_of(tag: str, model: type[Model]) -> bool:
    """Whether `tag` names a row of `model`."""
    return tag.startswith(_prefix(model))


def _prefix(model: type[Model]) -> str:
    # A proxy model shows the same rows: it shares the tags of its concrete model.
    return f"{model._meta.concrete_model._meta.model_name}:"
