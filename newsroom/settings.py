"""Newsroom settings, read from the environment (twelve-factor).

Development works with no variables at all. With DEBUG off, a missing SECRET_KEY stops the
process instead of silently running with a known key.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from js_asset import static_lazy

from newsroom.environment import (
    database,
    default_cache,
    env_bool,
    env_int,
    env_list,
    mailer,
    media_storage_backend,
)
from richtext.editor import NEWSROOM_EXTENSIONS, no_allowlist

BASE_DIR = Path(__file__).resolve().parent.parent

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
# URL of a raster image) identifies the publisher in JSON-LD while the site has no brand
# (branding/: the brand's generated PNG, at least 600x60, takes its place).
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
    # Full-text search fields and lookups (search/); harmless on SQLite.
    "django.contrib.postgres",
    "editorial.apps.TagsConfig",  # django-taggit, called "Tags" in the admin
    "django_prose_editor",
    "images",
    "richtext",
    "branding",
    "articles",
    "authors",
    "editorial",
    "search",
    "distribution",
    "liveblog",
    "redirects",
    "importers",
    "demo",
    "accounts",
    "desk",
    "pages",
    "webhooks",
    "api",
    # Before django_tasks_db: its `db_worker` (retries, backoff) and failed-jobs admin win.
    "jobs",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.RejectNullBytesMiddleware",
    "core.uploads.DiscardFailedUploadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # `/?p=123`, WordPress's address of every post, to the imported article (root only).
    "importers.wordpress.old_urls.WordPressQueryRedirectMiddleware",
    "api.cors.CorsMiddleware",  # before the page cache: its answers get the headers too
    "core.cache.pages.PageCacheMiddleware",
    "core.db_routers.PrimaryPinningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "images.limits.UploadLimitsMiddleware",
    "accounts.throttling.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

# The public site renders with Jinja2 (public_templates/, newsroom/templating.py), the admin,
# desk and mail with Django's engine (templates/). Both get the site's name and navigation.
_SITE_CONTEXT = ["newsroom.context_processors.site", "articles.context_processors.navigation"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "public_templates"],
        "OPTIONS": {
            "environment": "newsroom.templating.environment",
            "context_processors": _SITE_CONTEXT,
            "keep_trailing_newline": True,
        },
    },
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
                *_SITE_CONTEXT,
            ],
            "builtins": ["core.dates"],
        },
    },
]

DATABASES = {
    "default": database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
# Read replica: with DATABASE_REPLICA_URL set, reads go to it and writes, the admin and the
# editor who just saved stay on the primary (core/db_routers.py).
DATABASE_READ_REPLICA = None
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASE_READ_REPLICA = "replica"
    DATABASES["replica"] = database(
        os.environ["DATABASE_REPLICA_URL"], test_options={"MIRROR": "default"}
    )
DATABASE_ROUTERS = ["core.db_routers.ReplicaRouter"]
# The articles' covering indexes (articles/querysets.py) carry extra columns on PostgreSQL;
# SQLite builds them without those, which is all it can do, and Django warns of that.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# Seconds an editor keeps reading from the primary after a write: longer than replica lag.
READ_YOUR_WRITES_SECONDS = env_int("READ_YOUR_WRITES_SECONDS", 15)
# A worker that cannot reach the replica reads the primary this many seconds, then tries again.
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis with REDIS_URL; else one file all workers of this server share (core/cache/sqlite.py).
CACHES = {"default": default_cache(os.environ.get("REDIS_URL"), BASE_DIR / "var")}

# Page cache for anonymous readers (core/cache/pages.py; docs/performance.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
# Longest life of a stored page; edits invalidate it at once, so this only bounds memory use.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
# What browsers may keep without asking (max-age; 0: they revalidate with the ETag, a cheap 304,
# so a reader never sees a story after its unpublish) and what a CDN may keep (s-maxage: capped
# by the next scheduled publication; the purge hook covers edits) and serve stale meanwhile.
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 0)
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
# When a stored page goes stale, one worker renders it while the others serve the old copy
# for at most this many seconds, never after an unpublish or expiry (core/cache/grace.py; 0: off).
PAGE_CACHE_GRACE_SECONDS = env_int("PAGE_CACHE_GRACE_SECONDS", 10)
# What page-cache misses render again (widgets, teasers, the article's data and parts, list
# totals) is kept under versioned keys (core/cache/fragments.py); WARM_EDITED_PAGES: the queue
# makes an edited public story's pieces again for its first reader (docs/performance.md).
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", default=True)
WARM_EDITED_PAGES = env_bool("WARM_EDITED_PAGES", default=True)
# Each run of a prepared query (core/prepared.py) checked against a fresh compile (the tests).
PREPARED_QUERIES_VERIFY = env_bool("PREPARED_QUERIES_VERIFY", default=False)
# Live blogs (docs/liveblogs.md): updates per archive page, seconds the update check is kept
# (here and s-maxage), browsers' poll seconds, updates per answer and in LiveBlogPosting JSON-LD.
LIVEBLOG_PAGE_SIZE = env_int("LIVEBLOG_PAGE_SIZE", 20)
LIVEBLOG_UPDATE_SECONDS = env_int("LIVEBLOG_UPDATE_SECONDS", 5)
LIVEBLOG_POLL_SECONDS = env_int("LIVEBLOG_POLL_SECONDS", 15)
LIVEBLOG_UPDATE_LIMIT = env_int("LIVEBLOG_UPDATE_LIMIT", 20)
LIVEBLOG_STRUCTURED_DATA_UPDATES = env_int("LIVEBLOG_STRUCTURED_DATA_UPDATES", 10)
# Query parameters a cached page may have; any other one (tracking, search) bypasses the cache.
PAGE_CACHE_QUERY_PARAMETERS = ("page",)
# Cookies that mean personal state besides the session and messages (read-your-writes pin).
PAGE_CACHE_BYPASS_COOKIES = ("newsroom_primary",)
# Dotted path of a callable given the absolute URLs to purge from a CDN after each change.
CDN_PURGE_CALLABLE = os.environ.get("CDN_PURGE_CALLABLE", "")
# Content API (docs/api.md): origins CORS allows, and requests a minute per anonymous address.
API_CORS_ORIGINS = env_list("API_CORS_ORIGINS")
API_ANONYMOUS_REQUESTS_PER_MINUTE = env_int("API_ANONYMOUS_REQUESTS_PER_MINUTE", 120)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}Validator"}
    for name in ("UserAttributeSimilarity", "MinimumLength", "CommonPassword", "NumericPassword")
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
# Where uploads live (docs/images.md): "filesystem" (MEDIA_ROOT, served by Django) or "s3" (any
# S3-compatible service; names are content-hashed, so objects are immutable for a year).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
MEDIA_IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"
MEDIA_STORAGE_BACKEND = media_storage_backend(MEDIA_STORAGE, MEDIA_IMMUTABLE_CACHE_CONTROL)
STORAGES = {
    # core/uploads.py deletes the files of a failed request, with any storage.
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

TAGGIT_CASE_INSENSITIVE = True
# Tags are typed separated by commas ("New York, Transport"), shown the same way, never quoted.
TAGGIT_TAGS_FROM_STRING = "articles.tagging.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "articles.tagging.string_from_tags"

# PostgreSQL text search configuration for article search ("english", "simple", "german"...).
SEARCH_CONFIG = os.environ.get("SEARCH_CONFIG", "english")
# Image uploads (images/validation.py): larger files or more pixels are refused with a form error.
IMAGES_MAX_UPLOAD_BYTES = env_int("IMAGES_MAX_UPLOAD_MB", 30) * 1024 * 1024
IMAGES_MAX_PIXELS = env_int("IMAGES_MAX_MEGAPIXELS", 60) * 1_000_000

# Background tasks (docs/operations.md, "Background jobs"): by default the queue in our own
# database (django-tasks-db), worked by `manage.py db_worker` (started by `make run`/`serve`).
# TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend runs each task in the request
# that queues it (the tests do), with no worker.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
# A failed job runs again up to TASKS_MAX_ATTEMPTS times in all, after TASKS_RETRY_DELAY_SECONDS
# doubled at each attempt (30 s, 60 s, 120 s...) and capped at TASKS_RETRY_MAX_DELAY_SECONDS.
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 5)
TASKS_RETRY_DELAY_SECONDS = env_int("TASKS_RETRY_DELAY_SECONDS", 30)
TASKS_RETRY_MAX_DELAY_SECONDS = env_int("TASKS_RETRY_MAX_DELAY_SECONDS", 3600)
# A job still "running" this long after it started lost its worker (killed, machine gone): the
# next worker puts it back in the queue, where it counts as a failed attempt.
TASKS_STALE_RUNNING_SECONDS = env_int("TASKS_STALE_RUNNING_SECONDS", 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default gives "django" a console handler of its own under DEBUG, and the
        # records also reach ours at the root: every line printed twice. The root prints them.
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # Every task start and finish is logged at INFO; failures (ERROR) are what matter.
        "django.tasks": {"level": "WARNING"},
    },
}

# Serve uploads from Django itself (images/views.py: content-hashed names cached for a year,
# no listings, nothing outside MEDIA_ROOT): on by default with files on this machine, so one
# server with DEBUG off shows its images; off with S3, whose URLs point at the bucket or CDN.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=MEDIA_STORAGE == "filesystem")

# --- Security (docs/security.md) -------------------------------------------------------------
# Every TLS protection has its own variable (docs/operations.md); SITE_URL's scheme is only
# their default: an https site gets secure cookies, and outside DEBUG the https redirect and
# HSTS. Behind a TLS-terminating proxy, set them explicitly rather than guessing from SITE_URL.
HTTPS = SITE_URL.startswith("https://")
_SECURE_COOKIES = env_bool("SECURE_COOKIES", default=HTTPS)  # both cookies at once
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=_SECURE_COOKIES)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=_SECURE_COOKIES)
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
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS and not DEBUG else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Permissions-Policy (core.middleware.PermissionsPolicyMiddleware): browser features no page
# of ours uses, refused to the page and to every frame in it. Each maps to the origins allowed
# to use it (none). PERMISSIONS_POLICY_DENY replaces the list, comma-separated.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in env_list(
        "PERMISSIONS_POLICY_DENY",
        "accelerometer,browsing-topics,camera,display-capture,geolocation,gyroscope,hid,"
        "magnetometer,microphone,midi,payment,serial,usb",
    )
}

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

# The body editor's own Tiptap extensions (richtext/editor.py, static/richtext/editor.js).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("richtext/editor.js")],
        "extensions": dict.fromkeys(NEWSROOM_EXTENSIONS, no_allowlist),
    }
]

# Image decoding per request (images/limits.py): at most this many pixels per request, one upload
# at a time per user (the slot expires after IMAGES_UPLOAD_SLOT_SECONDS if its worker dies).
IMAGES_REQUEST_MAX_PIXELS = env_int("IMAGES_REQUEST_MAX_MEGAPIXELS", 120) * 1_000_000
IMAGES_UPLOAD_SLOT_SECONDS = env_int("IMAGES_UPLOAD_SLOT_SECONDS", 120)

# Failed logins: after this many failures for one username (or LOGIN_FAILURES_PER_IP from one
# address) within LOGIN_LOCKOUT_SECONDS, further attempts are refused until the window ends.
LOGIN_FAILURES_PER_USERNAME = env_int("LOGIN_FAILURES_PER_USERNAME", 5)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 20)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900)
# Behind a reverse proxy, the header holding the client address (its last entry is used).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# How long a signed preview link works (seconds), see editorial/previews.py.
ARTICLE_PREVIEW_MAX_AGE = env_int("ARTICLE_PREVIEW_MAX_AGE", 48 * 3600)

# The desk (docs/desk.md): a draft untouched this many days is "stale" on the dashboard.
DESK_STALE_DRAFT_DAYS = env_int("DESK_STALE_DRAFT_DAYS", 7)

# Email (notifications; docs/desk.md). The console backend prints mail under DEBUG (make run);
# otherwise SMTP, configured from the environment. Mail is sent from a background task.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": mailer(EMAIL_BACKEND_PATH)}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS")  # docs/webhooks.md
WEBHOOKS_TIMEOUT_SECONDS = env_int("WEBHOOKS_TIMEOUT_SECONDS", 5)
WEBHOOKS_DISABLE_AFTER_FAILURES = env_int("WEBHOOKS_DISABLE_AFTER_FAILURES", 10)
# A database outage answers 503 with this Retry-After (seconds), see newsroom/views.py.
DATABASE_RETRY_AFTER = env_int("DATABASE_RETRY_AFTER", 30)
