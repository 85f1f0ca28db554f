"""Reading the environment: the helpers settings.py uses, and the media storage it chooses.

Kept apart from settings.py so that the settings module stays a list of declarations.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    """On or off; anything else fails loudly (`SECURE_COOKIES=ture` must not mean off)."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
        raise ImproperlyConfigured(f"{name}={value!r}: use 1/0, true/false, yes/no or on/off.")
    return value in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def media_storage_backend(kind: str, immutable_cache_control: str) -> dict:
    """The STORAGES["default"] entry for MEDIA_STORAGE: "filesystem" or "s3"."""
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    elif kind == "s3":
        if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
            raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
                # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance role),
                # read by boto3 from the environment; never written into settings.
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                # The public host of the bucket or its CDN, e.g. media.example.com.
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "location": os.environ.get("AWS_LOCATION", ""),
                # Media are public: plain URLs that a CDN can cache, not expiring signed ones.
                "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", default=False),
                "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
                # A name never changes meaning: never overwrite, never reuse.
                "file_overwrite": False,
                "object_parameters": {"CacheControl": immutable_cache_control},
            },
        }
    else:
        raise ImproperlyConfigured(f"MEDIA_STORAGE={kind!r}: use filesystem or s3.")


def default_cache(redis_url: str | None, var_dir) -> dict:
    """CACHES["default"]: Redis when `redis_url` is given, else the SQLite cache file that every
    worker of one server shares, so an edit through one worker retires the pages the others
    stored."""
    if redis_url:
        return {
            # RedisCache that logs and degrades instead of raising when Redis is unreachable.
            "BACKEND": "core.cache.backends.TolerantRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    return {
        "BACKEND": "core.cache.sqlite.SQLiteCache",
        "LOCATION": os.environ.get("CACHE_FILE", str(var_dir / "cache.sqlite3")),
        "KEY_PREFIX": "newsroom",
    }


def mailer(backend: str) -> dict:
    """The default mailer: `backend`, with the SMTP server's EMAIL_* variables if it is SMTP."""
    if not backend.endswith("smtp.EmailBackend"):
        return {"BACKEND": backend, "OPTIONS": {}}
    options = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "use_ssl": env_bool("EMAIL_USE_SSL"),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
    return {"BACKEND": backend, "OPTIONS": options}


def database(url: str, **options) -> dict:
    """A database of DATABASE_URL's form, with persistent, health-checked connections. On
    PostgreSQL the ENGINE is ours (core/postgresql/: the check without a round trip, and the
    public pages' queries prepared on the server unless DATABASE_PREPARED_STATEMENTS=0, for a
    pooler in transaction mode that cannot keep them)."""
    config = dj_database_url.parse(
        url, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True, **options
    )
    config["ENGINE"] = config["ENGINE"].replace("django.db.backends.postgresql", "core.postgresql")
    if config["ENGINE"] == "core.postgresql":
        prepared = env_bool("DATABASE_PREPARED_STATEMENTS", default=True)
        config.setdefault("OPTIONS", {}).setdefault("prepared_statements", prepared)
    return config
