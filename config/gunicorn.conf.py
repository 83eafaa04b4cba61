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


def on_starting(server: object) -> None:
    """Load the language detector's model (~0.5 s, ~70 MB) in the arbiter, before it forks the
    workers, so the first article saved through a worker is not the one that waits and the workers
    share one copy of the model copy-on-write instead of each loading its own
    (annotations/text/language.py, which imports neither Django nor ``config``). ``gc.freeze()``
    keeps the workers' collections from writing to the inherited objects and so copying their pages."""
    import gc

    from annotations.text.language import warm_up

    warm_up()
    gc.collect()
    gc.freeze()


def post_worker_init(worker: object) -> None:
    """A no-op when the worker inherited the model from the arbiter (``on_starting``); loads it
    otherwise (annotations/text/language.py caches it per process)."""
    from annotations.text.language import warm_up

    warm_up()
