"""Test settings: real PostgreSQL by default (override with DATABASE_URL), eager Celery unless asked."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/credibility")
# Readable log lines, here and in the worker and gunicorn processes the tests start (they inherit
# this environment).
os.environ.setdefault("LOG_FORMAT", "plain")

from config.settings.base import *  # noqa: E402,F401,F403

# Integration tests start a real worker with CELERY_BROKER_URL set; unit tests run tasks inline.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# The API takes JSON bodies, so the test client sends JSON unless a test asks for multipart.
REST_FRAMEWORK = {**REST_FRAMEWORK, "TEST_REQUEST_DEFAULT_FORMAT": "json"}  # noqa: F405
# Each test builds its own semantic index; the tests of the index file set a directory.
SEMANTIC_INDEX_DIR = ""
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Throttle counters stay in this process (tests clear them between tests; see tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
