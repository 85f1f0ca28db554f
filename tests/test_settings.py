"""Settings come from the environment, and refuse to run unsafely."""

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
from django.conf import global_settings, settings
from django.db import connection

import newsroom.settings as ours

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
    parsed = dj_database_url.parse(url)["ENGINE"] if url else "django.db.backends.sqlite3"
    expected = {"django.db.backends.postgresql": "core.postgresql"}.get(parsed, parsed)
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


TLS_SETTINGS = (
    "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS "
    "SECURE_HSTS_INCLUDE_SUBDOMAINS SECURE_HSTS_PRELOAD"
)


def test_every_tls_protection_has_its_own_variable_overriding_site_url():
    """SITE_URL's scheme is a default only: each protection is set on its own."""
    over_http = {**PRODUCTION, "SITE_URL": "http://news.example.com"}
    assert _settings_values(TLS_SETTINGS, **over_http) == [
        "False", "False", "False", "0", "True", "True"
    ]  # fmt: skip
    explicit = {
        "SESSION_COOKIE_SECURE": "1",
        "CSRF_COOKIE_SECURE": "1",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "600",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
        "SECURE_HSTS_PRELOAD": "0",
    }
    assert _settings_values(TLS_SETTINGS, **over_http, **explicit) == [
        "True", "True", "True", "600", "False", "False"
    ]  # fmt: skip
    off = {"SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "off"}
    assert _settings_values(TLS_SETTINGS, **PRODUCTION, **off)[:3] == ["False", "False", "True"]


def test_secure_cookies_sets_both_cookies_and_each_cookie_variable_wins():
    values = _settings_values(
        "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE",
        **PRODUCTION,
        SECURE_COOKIES="0",
        CSRF_COOKIE_SECURE="1",
    )
    assert values == ["False", "True"]


def test_a_misspelt_switch_refuses_to_start_instead_of_meaning_off():
    result = _import_settings(**PRODUCTION, SESSION_COOKIE_SECURE="ture")
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE='ture'" in result.stderr


def test_the_permissions_policy_list_comes_from_the_environment():
    values = _settings_values(
        "PERMISSIONS_POLICY", **PRODUCTION, PERMISSIONS_POLICY_DENY="camera, usb"
    )
    assert values == ["{'camera': [], 'usb': []}"]


def test_development_over_http_keeps_cookies_usable_without_https():
    values = _settings_values("SESSION_COOKIE_SECURE SECURE_SSL_REDIRECT", DEBUG="1")
    assert values == ["False", "False"]


def test_integer_settings_come_from_the_environment_and_fall_back_when_empty():
    values = _settings_values(
        "PAGE_CACHE_SECONDS LOGIN_LOCKOUT_SECONDS ARTICLE_PREVIEW_MAX_AGE",
        SECRET_KEY="k",
        PAGE_CACHE_SECONDS="120",
        LOGIN_LOCKOUT_SECONDS="",
    )
    assert values == ["120", "900", "172800"]


def _settings_read_in_code() -> Iterator[tuple[str, str, bool]]:
    """(file:line, name, read with a getattr default) for each project setting code reads."""
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "bench"} or "migrations" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "settings"
                and node.attr.isupper()
            ):
                yield f"{relative}:{node.lineno}", node.attr, False
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
            ):
                yield f"{relative}:{node.lineno}", ast.unparse(node.args[1]), True


def test_every_setting_the_code_reads_is_declared_without_a_fallback():
    """A default hidden in a `getattr` is configuration nobody can find in settings.py."""
    reads = list(_settings_read_in_code())
    assert reads  # the scan found the code
    hidden = [where for where, _name, with_default in reads if with_default]
    undeclared = [
        f"{where}: {name}"
        for where, name, _ in reads
        if not hasattr(ours, name) and not hasattr(global_settings, name)
    ]
    assert not hidden, "Read settings.X, declared in newsroom/settings.py:\n" + "\n".join(hidden)
    assert not undeclared, "Declare these in newsroom/settings.py:\n" + "\n".join(undeclared)
