"""`make run`: absolute URLs follow the address it serves, and each log line prints once."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[1]
LOCAL_URL = r"https?://(?:127\.0\.0\.1|localhost|testserver)[:/][^\s\"<]*"


def dry_run(*args: str, **env: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")}
    result = subprocess.run(  # noqa: S603 (our own Makefile, dry run)
        [shutil.which("make"), "-n", "run", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_site_url_is_derived_from_port_and_host_and_said_at_start():
    commands = dry_run("PORT=8123", "HOST=127.0.0.2")
    runserver = next(line for line in commands.splitlines() if "runserver" in line)
    assert "SITE_URL=http://127.0.0.2:8123 " in runserver
    assert runserver.endswith("runserver 127.0.0.2:8123")
    assert "SITE_URL=http://127.0.0.2:8123 (derived from HOST and PORT)" in commands


def test_a_wildcard_host_gives_a_reachable_site_url():
    commands = dry_run("PORT=8124", "HOST=0.0.0.0")
    assert "SITE_URL=http://127.0.0.1:8124 " in commands
    assert "runserver 0.0.0.0:8124" in commands


def test_a_site_url_from_the_environment_is_kept():
    commands = dry_run("PORT=8125", SITE_URL="https://news.example")
    assert "SITE_URL=https://news.example " in commands
    assert "(set in the environment)" in commands
    assert "8125" not in re.sub(r"runserver \S+|Serving on .*", "", commands)


@pytest.mark.django_db
def test_every_absolute_url_uses_site_url(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    article = ArticleFactory()
    pages = ["/robots.txt", "/sitemap.xml", "/feed/", article.get_absolute_url()]
    for url in pages:
        text = client.get(url).content.decode()
        absolute = set(
            re.findall(r"https?://(?:127\.0\.0\.1|localhost|testserver)[:/][^\s\"<]*", text)
        )
        assert absolute, url
        assert all(link.startswith("http://127.0.0.1:8123/") for link in absolute), (url, absolute)


def test_each_django_log_line_is_printed_once():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('marker-for-the-log-test')"
    )
    result = subprocess.run(  # noqa: S603 (our own code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert (result.stdout + result.stderr).count("marker-for-the-log-test") == 1
