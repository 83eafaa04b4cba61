"""The Celery application. Tasks are discovered in each app's tasks.py.

Everything else is a ``CELERY_*`` setting (config/settings/base.py): without
``CELERY_BROKER_URL`` every task runs eagerly in-process (the embedded default); with it,
``celery -A config worker`` and ``celery -A config beat`` run them, with the queue routes
(``CELERY_TASK_ROUTES``) and the beat schedule (``CELERY_BEAT_SCHEDULE``) from there too.
"""

import os

from celery import Celery

import config.logs  # noqa: F401  (task ids and the log format in the worker and beat: signal receivers)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("credibility")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
