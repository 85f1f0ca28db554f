import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

# The replica router is tested with two aliases: "replica" mirrors the test database (tests opt
# in with `databases=["default", "replica"]`; DATABASE_READ_REPLICA stays off elsewhere).
settings.DATABASES.setdefault(
    "replica", {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
)


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads go to a temporary folder; static files need no collectstatic manifest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """The page cache lives in process memory: no test may see another test's pages."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def section(db):
    return SectionFactory(name="Technology", slug="technology")


@pytest.fixture
def author(db):
    return AuthorFactory(name="Mara Quill", bio="Mara Quill covers tech and gaming news.")


@pytest.fixture
def article(section, author):
    return ArticleFactory(section=section, authors=[author], tags=["privacy", "phones"])
