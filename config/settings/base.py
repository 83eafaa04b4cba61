"""Settings shared by every environment; everything deployment-specific comes from the environment.

The other settings modules only override what differs, so one image runs everywhere.
"""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# A development key is only acceptable while DEBUG is on; production must bring its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "annotations",
    "credibility",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Embedded default: a SQLite file beside the project. Production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "config.security.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Rates are read per request (config.throttling), so override_settings and the env both work.
    "DEFAULT_THROTTLE_CLASSES": ["config.throttling.AnonThrottle", "config.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("THROTTLE_RATE_ANON", "60/minute"),
        "user": os.environ.get("THROTTLE_RATE_USER", "1200/minute"),
        "token": os.environ.get("THROTTLE_RATE_TOKEN", "10/minute"),
    },
}

# Input limits (config/security.py). An article body longer than ARTICLE_BODY_MAX_CHARS code points
# is refused with 413 by every entry point (API, admin, imports, fetches); so is a request body over
# DATA_UPLOAD_MAX_MEMORY_SIZE bytes (Django's limit, raised from 2.5 MiB to fit a page of HTML).
ARTICLE_BODY_MAX_CHARS = int(os.environ.get("ARTICLE_BODY_MAX_CHARS", "200000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * 1024 * 1024)))
API_MAX_JSON_DEPTH = int(os.environ.get("API_MAX_JSON_DEPTH", "32"))
# List counts stop at this many matching rows (config.api): a lower bound, flagged count_exact=false, beyond.
API_COUNT_CAP = int(os.environ.get("API_COUNT_CAP", "1000"))

# The throttles' counters. One process: local memory; several (gunicorn workers, replicas) share
# Redis when REDIS_URL is set, so a client cannot multiply its rate by the number of processes.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "credibility"}
    )
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Credibility & misinformation annotation API",
    "DESCRIPTION": "Articles, editorial and machine annotations, sources, fact-checks and analysis runs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind" or "state" choice; name each enum after its model's choices.
    "ENUM_NAME_OVERRIDES": {
        "AnnotationKindEnum": "annotations.models.AnnotationKind",
        "SourceKindEnum": "credibility.models.SourceKind",
        "AnalysisStateEnum": "annotations.models.AnalysisState",
        "ReviewStatusEnum": "annotations.models.ReviewStatus",
    },
}

# Audit trail (django-simple-history): the admin shows history but never reverts a row behind
# the services' back (a reverted body would skip revisions and re-anchoring).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Celery: no broker configured means tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The requeue sweep (celery beat, every ANALYSIS_REQUEUE_INTERVAL_SECONDS, see config/celery.py)
# sends again pending runs older than this (a broker outage at enqueue time) and running runs
# whose worker has been silent this long (a lost worker whose message was not redelivered).
ANALYSIS_REQUEUE_AFTER_SECONDS = float(os.environ.get("ANALYSIS_REQUEUE_AFTER_SECONDS", "300"))
ANALYSIS_REQUEUE_RUNNING_AFTER_SECONDS = float(os.environ.get("ANALYSIS_REQUEUE_RUNNING_AFTER_SECONDS", "900"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Ingestion from the web (credibility.ingestion). Private, loopback, link-local and other
# non-public addresses are never fetched unless FETCH_ALLOW_PRIVATE_ADDRESSES is on (tests that
# serve pages from 127.0.0.1 turn it on explicitly).
FETCH_ALLOW_PRIVATE_ADDRESSES = env_bool("FETCH_ALLOW_PRIVATE_ADDRESSES", False)
FETCH_CONNECT_TIMEOUT = float(os.environ.get("FETCH_CONNECT_TIMEOUT", "5"))
FETCH_READ_TIMEOUT = float(os.environ.get("FETCH_READ_TIMEOUT", "15"))
# The whole fetch (connect, headers, body, every redirect) ends by FETCH_TOTAL_TIMEOUT seconds; each
# socket read waits at most FETCH_READ_TIMEOUT and never past that deadline. After a grace period of
# FETCH_MIN_RATE_GRACE seconds a body arriving slower than FETCH_MIN_RATE bytes/s is abandoned.
FETCH_TOTAL_TIMEOUT = float(os.environ.get("FETCH_TOTAL_TIMEOUT", "60"))
FETCH_MIN_RATE = float(os.environ.get("FETCH_MIN_RATE", "512"))
FETCH_MIN_RATE_GRACE = float(os.environ.get("FETCH_MIN_RATE_GRACE", "10"))
FETCH_MAX_BYTES = int(os.environ.get("FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
FETCH_MAX_REDIRECTS = int(os.environ.get("FETCH_MAX_REDIRECTS", "5"))
FETCH_USER_AGENT = os.environ.get("FETCH_USER_AGENT", "CredibilityIngest/1.0 (+newsroom annotation service)")
# Elements a page may have to be extracted (extraction costs ~50 µs per element): for HTML posted to
# POST /articles/ (in the request) and for fetched pages (in a worker). Issue 15.
ARTICLE_HTML_MAX_ELEMENTS = int(os.environ.get("ARTICLE_HTML_MAX_ELEMENTS", "12000"))
FETCH_HTML_MAX_ELEMENTS = int(os.environ.get("FETCH_HTML_MAX_ELEMENTS", "100000"))
# New entries one feed poll queues at most; the rest wait for the next poll (issue 15).
FEED_MAX_ENTRIES_PER_POLL = int(os.environ.get("FEED_MAX_ENTRIES_PER_POLL", "50"))

# W3C / Hypothesis import (POST /articles/{id}/import/): at most W3C_IMPORT_MAX_ITEMS annotations
# per document; more than W3C_IMPORT_SYNC_MAX_ITEMS run as a background job (202).
W3C_IMPORT_MAX_ITEMS = int(os.environ.get("W3C_IMPORT_MAX_ITEMS", "2000"))
W3C_IMPORT_SYNC_MAX_ITEMS = int(os.environ.get("W3C_IMPORT_SYNC_MAX_ITEMS", "20"))
