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


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qz9!vR2@mW4$tY6^uI8&oP0*aS1(dF3)gH5_jK7+lZ9-xC2=vB4",
    "SITE_URL": "https://news.example.com",
    "ALLOWED_HOSTS": "news.example.com",
}


def _settings_values(names: str, **env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SITE_URL"}}
    code = (
        "import newsroom.settings as s; "
        f"print(*[repr(getattr(s, n, None)) for n in {names!r}.split()], sep='|')"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip().split("|")


def test_check_deploy_is_clean_with_production_settings():
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SITE_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**clean, **PRODUCTION}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_when_the_site_is_served_over_plain_http():
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SITE_URL"}}
    env = {**clean, **PRODUCTION, "SITE_URL": "http://news.example.com"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # no https redirect


def test_https_production_turns_on_secure_cookies_redirect_and_hsts():
    values = _settings_values(
        "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS",
        **PRODUCTION,
    )
    assert values == ["True", "True", "True", "31536000"]


def test_hsts_redirect_and_proxy_header_are_configurable():
    values = _settings_values(
        "SECURE_HSTS_SECONDS SECURE_HSTS_PRELOAD SECURE_SSL_REDIRECT SECURE_PROXY_SSL_HEADER",
        **PRODUCTION,
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_PRELOAD="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    assert values == ["3600", "False", "False", "('HTTP_X_FORWARDED_PROTO', 'https')"]


def test_development_over_http_keeps_cookies_usable_without_https():
    values = _settings_values("SESSION_COOKIE_SECURE SECURE_SSL_REDIRECT", DEBUG="1")
    assert values == ["False", "False"]
