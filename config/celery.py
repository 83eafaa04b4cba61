"""The Celery application. Tasks are discovered in each app's tasks.py.

Without ``CELERY_BROKER_URL`` the settings make every task run eagerly in-process (the
embedded default); with it, ``celery -A config worker`` and ``celery -A config beat`` run them.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("credibility")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat: re-send analysis runs that a broker outage or a lost worker left pending, and re-check
# recent articles against the fact-checks changed since the last periodic re-check.
app.conf.beat_schedule = {
    "analysis-runs-requeue": {
        "task": "credibility.analysis_runs_requeue",
        "schedule": float(os.environ.get("ANALYSIS_REQUEUE_INTERVAL_SECONDS", "60")),
    },
    "factchecks-recheck": {
        "task": "credibility.recheck_articles_periodic",
        "schedule": float(os.environ.get("FACTCHECK_RECHECK_INTERVAL", "3600")),
    },
    # Each feed has its own interval; this only looks every minute for the feeds that are due.
    "feeds-poll-due": {"task": "credibility.feeds_poll_due", "schedule": 60.0},
}
