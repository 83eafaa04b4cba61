"""gunicorn for the web service: ``gunicorn -c config/gunicorn.conf.py config.wsgi:application``
(the image's CMD; docker-compose.yml's web runs the same). GUNICORN_CMD_ARGS overrides any value.

gunicorn reads this file; the application never imports it. It must not import the ``config``
package either: ``config/__init__.py`` loads the Celery app, which defaults
DJANGO_SETTINGS_MODULE to the local settings before config/wsgi.py could default it to
production.
"""

import os

bind = "0.0.0.0:8000"
# WEB_CONCURRENCY is gunicorn's own variable for the number of workers.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Worker heartbeats in memory rather than on the container's overlay filesystem, where a slow
# disk can make the arbiter kill healthy workers (gunicorn's advice for Docker).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
# The id the app's RequestIdMiddleware answered with, so an access line meets the app's lines.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'

# gunicorn's own lines (gunicorn.error, gunicorn.access) in the app's LOG_FORMAT: with json, one
# JSON object a line with time, level, logger and message (config/logs.py formats the app's).
if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s",
                "timestamp": "time",
                "rename_fields": {"levelname": "level", "name": "logger"},
            },
        },
        "handlers": {
            "json_stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        },
        "root": {"handlers": ["json_stderr"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {"handlers": ["json_stderr"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["json_stderr"], "level": "INFO", "propagate": False},
        },
    }


def post_worker_init(worker: object) -> None:
    """Load the language detector's models (~0.5 s, ~90 MB) before the worker takes requests, so the
    first article saved through it is not the one that waits (annotations/text/language.py)."""
    from annotations.text.language import warm_up

    warm_up()
