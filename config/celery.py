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

# Separate queues for analysis and fact-check re-checks (issue 8), so each tier scales on its own:
# with CELERY_ANALYSIS_QUEUE=analysis and CELERY_RECHECK_QUEUE=recheck set for every process,
# run `celery -A config worker -Q analysis` and `celery -A config worker -Q recheck,celery`
# (beat's housekeeping tasks stay on the default queue). Unset, every task uses the default
# queue, as before: a plain `celery -A config worker` serves everything.
_QUEUE_ROUTES = {
    "credibility.analyze_article": os.environ.get("CELERY_ANALYSIS_QUEUE", ""),
    "credibility.recheck_articles": os.environ.get("CELERY_RECHECK_QUEUE", ""),
    "credibility.recheck_articles_periodic": os.environ.get("CELERY_RECHECK_QUEUE", ""),
}
app.conf.task_routes = {name: {"queue": queue} for name, queue in _QUEUE_ROUTES.items() if queue}

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
