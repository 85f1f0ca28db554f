import os
import socket

import jinja2
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.signals import template_rendered

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

# The replica router is tested with two aliases: "replica" mirrors the test database (tests opt
# in with `databases=["default", "replica"]`; DATABASE_READ_REPLICA stays off elsewhere).
settings.DATABASES.setdefault(
    "replica", {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
)
# Without REDIS_URL the site shares one SQLite cache file between its workers; test processes
# (xdist workers, other checkouts) must not share pages, so each keeps its cache in memory.
# tests/test_shared_cache.py tests the file cache itself, across processes.
if not os.environ.get("REDIS_URL"):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Passwords hashed with PBKDF2's production iteration count cost about half a second of CPU
# each, and factories set one for every staff user: tests hash with MD5 (tests that check
# sign-in against a server in another process set their own).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Every prepared query (core/prepared.py) is checked against the queryset it replays.
settings.PREPARED_QUERIES_VERIFY = True


def _signalled(render):
    """Under test, Django's engine announces each render (`template_rendered`: the test
    client's `response.context`, render counters); the public site's Jinja2 templates too."""

    def signalled_render(template, *args, **kwargs):
        template_rendered.send(sender=template, template=template, context=dict(*args, **kwargs))
        return render(template, *args, **kwargs)

    return signalled_render


jinja2.Template.render = _signalled(jinja2.Template.render)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that take ports from tests/faults.py's small range are marked `fixed_ports`.

    Two xdist workers could both find the same port free before either binds it, so
    `make test` runs these in its serial part. (xdist's own `xdist_group` does not group on
    pytest 9.2: pytest-dev/pytest-xdist#1386.)
    """
    for item in items:
        module = getattr(item, "module", None)
        if module and any(
            getattr(value, "__module__", None) == "tests.faults" for value in vars(module).values()
        ):
            item.add_marker(pytest.mark.fixed_ports)


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads go to a temporary folder; static files need no collectstatic manifest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tasks run when queued, as without a worker; tests of the queue itself opt out."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # Run at once, warming would render "More in" at every factory save of a public story;
    # tests/test_page_warming.py turns it on.
    settings.WARM_EDITED_PAGES = False


@pytest.fixture(autouse=True)
def _no_name_lookups_for_webhooks(monkeypatch):
    """Webhook targets are resolved when saved and sent; no test asks the real DNS (tests that
    need a name give their own answers)."""

    def unknown(host: str, port: int) -> list:
        raise socket.gaierror(socket.EAI_NONAME, f"{host}: no DNS in the tests")

    monkeypatch.setattr("webhooks.targets.getaddrinfo", unknown)


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
