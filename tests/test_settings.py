"""Settings come from the environment, and refuse to run unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _import_settings(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_runs_with_a_development_key():
    assert _import_settings(DEBUG="1").returncode == 0


def test_allowed_hosts_come_from_the_environment():
    result = _import_settings(SECRET_KEY="k", ALLOWED_HOSTS="news.example.com, www.example.com")
    assert result.stdout.strip() == "False ['news.example.com', 'www.example.com']"


def test_tests_run_on_the_database_named_by_database_url():
    """Proves the PostgreSQL CI run really ran on PostgreSQL."""
    url = os.environ.get("DATABASE_URL")
    expected = dj_database_url.parse(url)["ENGINE"] if url else "django.db.backends.sqlite3"
    assert settings.DATABASES["default"]["ENGINE"] == expected
    assert connection.vendor == ("postgresql" if "postgresql" in expected else "sqlite")
