"""Newsroom settings, read from the environment (twelve-factor).

Development works with no variables at all. With DEBUG off, a missing SECRET_KEY stops the
process instead of silently running with a known key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=1 for development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_DESCRIPTION = os.environ.get(
    "SITE_DESCRIPTION", "Independent reporting on technology, science, business and culture."
)
# Distribution and SEO (docs/distribution.md). SITE_LANGUAGE is an ISO 639 code for feeds,
# the Google News sitemap and structured data; PUBLISHER_LOGO (a static path or an absolute
# URL, ideally a raster image at most 600x60) identifies the publisher in JSON-LD.
SITE_LANGUAGE = os.environ.get("SITE_LANGUAGE", "en")
PUBLISHER_LOGO = os.environ.get("PUBLISHER_LOGO", "img/favicon.svg")
TWITTER_SITE = os.environ.get("TWITTER_SITE", "")
# The "Connect with us" row. Empty values are left out; RSS always points at our own feed.
SOCIAL_LINKS = {
    "X": os.environ.get("SOCIAL_X_URL", "https://x.com/newsroom"),
    "Facebook": os.environ.get("SOCIAL_FACEBOOK_URL", "https://www.facebook.com/newsroom"),
    "Mastodon": os.environ.get("SOCIAL_MASTODON_URL", ""),
    "Instagram": os.environ.get("SOCIAL_INSTAGRAM_URL", ""),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Full-text search fields and lookups (articles/search.py); harmless on SQLite.
    "django.contrib.postgres",
    "taggit",
    "django_prose_editor",
    "images",
    "articles",
    "authors",
    "permalinks",
    "newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.RejectNullBytesMiddleware",
    "newsroom.uploads.DiscardFailedUploadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.caching.PageCacheMiddleware",
    "newsroom.db_routers.PrimaryPinningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.throttling.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "permalinks.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Read replica: with DATABASE_REPLICA_URL set, reads go to it and writes, the admin and the
# editor who just saved stay on the primary (newsroom/db_routers.py).
DATABASE_READ_REPLICA = None
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASE_READ_REPLICA = "replica"
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
DATABASE_ROUTERS = ["newsroom.db_routers.ReplicaRouter"]
# Seconds an editor keeps reading from the primary after a write: longer than replica lag.
READ_YOUR_WRITES_SECONDS = int(os.environ.get("READ_YOUR_WRITES_SECONDS", "15"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # RedisCache that logs and degrades instead of raising when Redis is unreachable.
            "BACKEND": "newsroom.cache_backends.TolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache for anonymous readers (newsroom/caching.py; docs/performance.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
# Longest life of a stored page; edits invalidate it at once, so this only bounds memory use.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# What browsers may keep without asking (max-age; 0: they revalidate with the ETag, a cheap
# 304, so a reader never sees a story after its unpublish) and what a CDN may keep (s-maxage:
# PAGE_CACHE_SECONDS capped by the next scheduled publication; the purge hook covers edits) and
# serve stale while it refetches.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "0"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "30"))
# What page-cache misses render again (widgets, header and footer, teasers, the article's data,
# list totals) is kept under the same versioned keys (newsroom/fragments.py), so misses and
# editors' pages skip that work. Independent of PAGE_CACHE_ENABLED.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", default=True)
# Query parameters a cached page may have; any other one (tracking, search) bypasses the cache.
PAGE_CACHE_QUERY_PARAMETERS = ("page",)
# Cookies that mean personal state besides the session and messages (read-your-writes pin).
PAGE_CACHE_BYPASS_COOKIES = ("newsroom_primary",)
# Dotted path of a callable given the absolute URLs to purge from a CDN after each change.
CDN_PURGE_CALLABLE = os.environ.get("CDN_PURGE_CALLABLE", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # FileSystemStorage that lets a failed request delete the files it wrote (newsroom/uploads.py).
    "default": {"BACKEND": "newsroom.uploads.TrackedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TAGGIT_CASE_INSENSITIVE = True

# PostgreSQL text search configuration for article search ("english", "simple", "german"...).
SEARCH_CONFIG = os.environ.get("SEARCH_CONFIG", "english")
# Image uploads (images/validation.py): larger files or more pixels are refused with a form error.
IMAGES_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGES_MAX_UPLOAD_MB", "30")) * 1024 * 1024
IMAGES_MAX_PIXELS = int(os.environ.get("IMAGES_MAX_MEGAPIXELS", "60")) * 1_000_000

# Background tasks (renditions). The immediate backend runs them right after the upload commits;
# a queue backend such as django-tasks-db moves them out of the request without code changes.
TASKS_BACKEND = "django.tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", TASKS_BACKEND)}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Every task start and finish is logged at INFO; failures (ERROR) are what matter.
    "loggers": {"django.tasks": {"level": "WARNING"}},
}

# Serve user uploads from Django itself: fine for one machine and development; in production
# media live on S3-compatible storage behind the CDN and this stays off.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)

# --- Security (docs/security.md) -------------------------------------------------------------
# A site served over https (SITE_URL) gets secure cookies, an https redirect and HSTS by default;
# each can be turned off or tuned from the environment (e.g. behind a TLS-terminating proxy).
HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# JavaScript that posts forms takes the token from the form's hidden input, never the cookie.
CSRF_COOKIE_HTTPONLY = env_bool("CSRF_COOKIE_HTTPONLY", default=True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS and not DEBUG)
# Behind a proxy that terminates TLS, name the header it sets, e.g. X-Forwarded-Proto.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].upper().replace("-", "_"),
        "https",
    )
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS and not DEBUG else 0)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response, admin included. Scripts only from our origin or
# with the per-request nonce (`nonce="{{ csp_nonce }}"`); never inline handlers or eval.
# CSP_EXTRA_IMG_SRC / CSP_EXTRA_MEDIA_SRC list extra origins, e.g. the media CDN.
# The rich-text editor (Tiptap, inside django-prose-editor) injects one fixed <style> element
# with no way to pass it a nonce; its hash allows exactly that CSS. After upgrading the editor,
# tests/browser/test_admin_csp.py names any new hash in its failure message.
CSP_STYLE_HASHES = env_list(
    "CSP_STYLE_HASHES",
    "sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA=,sha256-XU/N9UcrdZxwh3sMcx/UmrhOTZz0Nw7BF5j78EOrleg=",
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, *(f"'{h}'" for h in CSP_STYLE_HASHES)],
    "img-src": [CSP.SELF, "data:", *env_list("CSP_EXTRA_IMG_SRC")],
    "media-src": [CSP.SELF, *env_list("CSP_EXTRA_MEDIA_SRC")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "report-uri": ["/csp-report/"],  # newsroom.views.csp_report logs each violation
}

# Failed logins: after this many failures for one username (or LOGIN_FAILURES_PER_IP from one
# address) within LOGIN_LOCKOUT_SECONDS, further attempts are refused until the window ends.
LOGIN_FAILURES_PER_USERNAME = int(os.environ.get("LOGIN_FAILURES_PER_USERNAME", "5"))
LOGIN_FAILURES_PER_IP = int(os.environ.get("LOGIN_FAILURES_PER_IP", "20"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
# Behind a reverse proxy, the header holding the client address (its last entry is used).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# A database outage answers 503 with this Retry-After (seconds), see newsroom/views.py.
DATABASE_RETRY_AFTER = int(os.environ.get("DATABASE_RETRY_AFTER", "30"))
