"""Settings shared by every environment; everything deployment-specific comes from the environment.

The other settings modules only override what differs, so one image runs everywhere.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; production must bring its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="") or (_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # django.contrib.admin with the project's site (config/admin.py)
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
    "health_check",
    "annotations",
    "credibility",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sets the request id of the log lines and the X-Request-ID response header (config/logs.py).
    "config.logs.RequestIdMiddleware",
    "config.middleware.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.errors.ApiJsonErrorMiddleware",
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
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("DB_CONN_MAX_AGE", default=60),
    )
}
# SQLite (the embedded default, `make run`): WAL lets readers work while one writer writes; every
# transaction takes the write lock when it begins (IMMEDIATE), so two concurrent writes queue for up
# to SQLITE_BUSY_TIMEOUT seconds instead of deadlocking on a lock upgrade ("database is locked").
# A write that still times out answers 503 with Retry-After (config/errors.py), never a 500.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": env.float("SQLITE_BUSY_TIMEOUT", default=20.0),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Errors: exceptions are never propagated to the server (which would print them with the request),
# API routes answer JSON 500 even with DEBUG on, and the DEBUG technical page shows neither the
# process environment nor more than a few settings (config/errors.py).
DEBUG_PROPAGATE_EXCEPTIONS = False
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.errors.EnvironmentHidingFilter"

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
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Every list view gets these; a backend is inert on a view that declares nothing for it
    # (no filterset, search_fields or ordering_fields), so views never set them by hand.
    "DEFAULT_FILTER_BACKENDS": [
        "config.api.filters.DjangoFilterBackend",
        "config.api.filters.SearchFilter",
        "config.api.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    # drf-spectacular plus every operation's error answers (config/api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "config.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exceptions.exception_handler",
    # JSON bodies only (415 for anything else); a view that really takes a form or a file says so
    # itself (the fact-check file upload, the token endpoint's login form).
    "DEFAULT_PARSER_CLASSES": ["config.api.parsers.StrictJSONParser"],
    # Rates are read per request (config.api.throttling), so override_settings and the env both work.
    "DEFAULT_THROTTLE_CLASSES": ["config.api.throttling.AnonThrottle", "config.api.throttling.UserThrottle"],
    # Client identity for throttles and the login lockout: how many reverse proxies in front of the
    # app append to X-Forwarded-For. 0 (the default) trusts no forwarding header: REMOTE_ADDR is the
    # client. Behind one nginx/ALB that sets X-Forwarded-For, NUM_PROXIES=1; see README "Security".
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_RATE_ANON", default="60/minute"),
        "user": env.str("THROTTLE_RATE_USER", default="1200/minute"),
        "token": env.str("THROTTLE_RATE_TOKEN", default="10/minute"),
    },
}

# Login lockout (config/login_throttle.py), for /admin/login/ and POST /api/v1/auth/token/: this many
# failures within the window lock out a username, or an address; each further failure doubles the
# lockout, up to the maximum.
LOGIN_FAILURES_PER_USERNAME = env.int("LOGIN_FAILURES_PER_USERNAME", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=20)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=900)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=60)
LOGIN_LOCKOUT_MAX_SECONDS = env.int("LOGIN_LOCKOUT_MAX_SECONDS", default=3600)

# Input limits (config/middleware.py, config/api/parsers.py). An article body longer than ARTICLE_BODY_MAX_CHARS code points
# is refused with 413 by every entry point (API, admin, imports, fetches); so is a request body over
# DATA_UPLOAD_MAX_MEMORY_SIZE bytes (Django's limit, raised from 2.5 MiB to fit a page of HTML).
ARTICLE_BODY_MAX_CHARS = env.int("ARTICLE_BODY_MAX_CHARS", default=200000)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=32)
# List counts stop at this many matching rows (config.api.pagination): a lower bound, flagged count_exact=false, beyond.
API_COUNT_CAP = env.int("API_COUNT_CAP", default=1000)

# ClaimReview: every exported review's ``url`` is its public page, <base>/claims/<annotation id>/.
# Set the base when the service is reached by search engines under another host than its own
# (behind a proxy or CDN), e.g. https://factcheck.example.org; empty: the requesting host. Imported
# ClaimReviews whose url lies under it are recognised as our own (never evidence against their article).
CLAIMREVIEW_PUBLIC_BASE_URL = env.str("CLAIMREVIEW_PUBLIC_BASE_URL", default="").rstrip("/")
CLAIMREVIEW_PUBLISHER = env.str("CLAIMREVIEW_PUBLISHER", default="Credibility & misinformation annotation service")

# The throttles' counters. One process: local memory; several (gunicorn workers, replicas) share
# Redis when REDIS_URL is set, so a client cannot multiply its rate by the number of processes.
REDIS_URL = env.str("REDIS_URL", default="")
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
    # The Error body every error answer shares, and nullable nested objects in OAS 3.0.3's own terms
    # (config/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.schema.components_postprocess",
        "config.api.schema.nullable_refs_postprocess",
    ],
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
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Beat writes its schedule file after every task it sends (not every 3 minutes): a restarted beat
# does not send again what it just sent, and the file's age is beat's heartbeat (the compose probe).
CELERY_BEAT_SYNC_EVERY = 1
# The requeue sweep (celery beat, every ANALYSIS_REQUEUE_INTERVAL_SECONDS, see CELERY_BEAT_SCHEDULE)
# sends again pending runs older than this (a broker outage at enqueue time) and running runs
# whose worker has been silent this long (a lost worker whose message was not redelivered).
ANALYSIS_REQUEUE_AFTER_SECONDS = env.float("ANALYSIS_REQUEUE_AFTER_SECONDS", default=300.0)
ANALYSIS_REQUEUE_RUNNING_AFTER_SECONDS = env.float("ANALYSIS_REQUEUE_RUNNING_AFTER_SECONDS", default=900.0)

# Separate queues for analysis and fact-check re-checks (issue 8), so each tier scales on its own:
# with CELERY_ANALYSIS_QUEUE=analysis and CELERY_RECHECK_QUEUE=recheck set for every process,
# run `celery -A config worker -Q analysis` and `celery -A config worker -Q recheck,celery`
# (beat's housekeeping tasks stay on the default queue). Unset, every task uses the default
# queue: a plain `celery -A config worker` serves everything.
_ANALYSIS_QUEUE = env.str("CELERY_ANALYSIS_QUEUE", default="")
_RECHECK_QUEUE = env.str("CELERY_RECHECK_QUEUE", default="")
CELERY_TASK_ROUTES = {
    name: {"queue": queue}
    for name, queue in {
        "credibility.analyze_article": _ANALYSIS_QUEUE,
        "credibility.recheck_articles": _RECHECK_QUEUE,
        "credibility.recheck_articles_periodic": _RECHECK_QUEUE,
    }.items()
    if queue
}

# Beat: re-send analysis runs that a broker outage or a lost worker left pending, and re-check
# recent articles against the fact-checks changed since the last periodic re-check.
CELERY_BEAT_SCHEDULE = {
    "analysis-runs-requeue": {
        "task": "credibility.analysis_runs_requeue",
        "schedule": env.float("ANALYSIS_REQUEUE_INTERVAL_SECONDS", default=60.0),
    },
    "factchecks-recheck": {
        "task": "credibility.recheck_articles_periodic",
        "schedule": env.float("FACTCHECK_RECHECK_INTERVAL", default=3600.0),
    },
    # Each feed has its own interval; this only looks every minute for the feeds that are due.
    "feeds-poll-due": {"task": "credibility.feeds_poll_due", "schedule": 60.0},
}

# Log lines (config/logs.py) on stderr, with time, level, logger, request id and task id:
# LOG_FORMAT=json (the default: one JSON object a line, for a log collector) or plain (local.py
# and test.py default to it). The Celery worker and beat use the same format and filter.
LOG_FORMAT = env.str("LOG_FORMAT", default="json", choices=("json", "plain"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "config.logs.ContextFilter"}},
    "formatters": {
        "default": {"()": "config.logs.json_formatter" if LOG_FORMAT == "json" else "config.logs.PlainFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["context"], "formatter": "default"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # faiss logs which CPU build it loaded, at INFO, on every start of every process.
    "loggers": {"faiss.loader": {"level": "WARNING"}},
}

# Semantic retrieval of fact-checks (credibility.retrieval.semantic): on beside the lexical path;
# the cosine floor for a semantic candidate; the index kind ("auto": HNSW below 50,000 vectors,
# IVF with 8-bit scalar quantisation above); how often each process compares its index with the
# store's row count (deletions made by other processes).
FACTCHECK_SEMANTIC = env.bool("FACTCHECK_SEMANTIC", default=True)
FACTCHECK_SEMANTIC_MIN_COSINE = env.float("FACTCHECK_SEMANTIC_MIN_COSINE", default=0.5)
SEMANTIC_INDEX_FACTORY = env.str("SEMANTIC_INDEX_FACTORY", default="auto")
SEMANTIC_INDEX_RECONCILE_SECONDS = env.float("SEMANTIC_INDEX_RECONCILE_SECONDS", default=60.0)
# Where a built semantic index is written for the next process to read and catch up (empty: never
# written; each process builds its own, about 3 minutes at a million fact-checks).
SEMANTIC_INDEX_DIR = env.str("SEMANTIC_INDEX_DIR", default=str(BASE_DIR / "var" / "semantic-index"))

# Ingestion from the web (credibility.ingestion). Private, loopback, link-local and other
# non-public addresses are never fetched unless FETCH_ALLOW_PRIVATE_ADDRESSES is on (tests that
# serve pages from 127.0.0.1 turn it on explicitly).
FETCH_ALLOW_PRIVATE_ADDRESSES = env.bool("FETCH_ALLOW_PRIVATE_ADDRESSES", default=False)
FETCH_CONNECT_TIMEOUT = env.float("FETCH_CONNECT_TIMEOUT", default=5.0)
FETCH_READ_TIMEOUT = env.float("FETCH_READ_TIMEOUT", default=15.0)
# The whole fetch (connect, headers, body, every redirect) ends by FETCH_TOTAL_TIMEOUT seconds; each
# socket read waits at most FETCH_READ_TIMEOUT and never past that deadline. After a grace period of
# FETCH_MIN_RATE_GRACE seconds a body arriving slower than FETCH_MIN_RATE bytes/s is abandoned.
FETCH_TOTAL_TIMEOUT = env.float("FETCH_TOTAL_TIMEOUT", default=60.0)
FETCH_MIN_RATE = env.float("FETCH_MIN_RATE", default=512.0)
FETCH_MIN_RATE_GRACE = env.float("FETCH_MIN_RATE_GRACE", default=10.0)
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", default=5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env.int("FETCH_MAX_REDIRECTS", default=5)
FETCH_USER_AGENT = env.str("FETCH_USER_AGENT", default="CredibilityIngest/1.0 (+newsroom annotation service)")
# Elements a page may have to be extracted (extraction costs ~50 µs per element): for HTML posted to
# POST /articles/ (in the request) and for fetched pages (in a worker). Issue 15.
ARTICLE_HTML_MAX_ELEMENTS = env.int("ARTICLE_HTML_MAX_ELEMENTS", default=12000)
FETCH_HTML_MAX_ELEMENTS = env.int("FETCH_HTML_MAX_ELEMENTS", default=100000)
# New entries one feed poll queues at most; the rest wait for the next poll (issue 15).
FEED_MAX_ENTRIES_PER_POLL = env.int("FEED_MAX_ENTRIES_PER_POLL", default=50)

# W3C / Hypothesis import (POST /articles/{id}/import/): at most W3C_IMPORT_MAX_ITEMS annotations
# per document; more than W3C_IMPORT_SYNC_MAX_ITEMS run as a background job (202).
W3C_IMPORT_MAX_ITEMS = env.int("W3C_IMPORT_MAX_ITEMS", default=2000)
W3C_IMPORT_SYNC_MAX_ITEMS = env.int("W3C_IMPORT_SYNC_MAX_ITEMS", default=20)

# The flagged-claim report's per-article budget (issue 18): an open unverified flag whose
# check-worthiness is below this is "low value", and each article shows at most its
# low_value_flag_limit of them unless ?show_all=1. On the dev split of the BBC labels, flags
# below 0.5 were worth checking 5 times in 26, those at 0.5 or above 13 times in 35
# (credibility/analysis/claims/flag_calibration.json).
FLAG_REPORT_LOW_VALUE_THRESHOLD = env.float("FLAG_REPORT_LOW_VALUE_THRESHOLD", default=0.5)
