"""Log lines: time, level, logger, request id and Celery task id on every one.

The ids live in context variables. ``RequestIdMiddleware`` sets the request id (the client's
``X-Request-ID`` when it is a sane token, else a new one) and returns it in the response's
``X-Request-ID``; Django's ``request_finished`` signal clears it, so the ``django.request`` line
that Django writes for a 4xx/5xx answer after the middleware has returned still carries it.
Celery's ``task_prerun``/``task_postrun`` signals set the
task id around each task, in the worker and in eager mode alike. ``ContextFilter``, attached to
the handlers, copies both onto every record, whichever logger it comes from.

``LOG_FORMAT`` picks the line format: ``json`` (production: one JSON object a line, for the log
collector) or ``plain`` (local and tests: ``time level logger [request=… task=…] message``).
``LOGGING`` in config/settings/base.py uses the two; the Celery worker and beat, which set up
their own handlers, get the same filter and formatter through ``after_setup_logger``.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from celery.signals import after_setup_logger, after_setup_task_logger, task_postrun, task_prerun
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
# A client's id is kept only when it is a short token: it ends up in every log line.
_REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._:-]{1,128}")

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
task_id_var: ContextVar[str | None] = ContextVar("task_id", default=None)

PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s %(ids)s%(message)s"
JSON_FORMAT = "%(levelname)s %(name)s %(message)s %(request_id)s %(task_id)s"


class ContextFilter(logging.Filter):
    """Adds ``request_id`` and ``task_id`` (None outside a request or task) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        if getattr(record, "task_id", None) is None:
            record.task_id = task_id_var.get()
        return True


class PlainFormatter(logging.Formatter):
    """``time level logger [request=… task=…] message``; the brackets only when there is an id."""

    def __init__(self, fmt: str | None = None, datefmt: str | None = None, style: Any = "%", **kwargs: Any) -> None:
        super().__init__(fmt or PLAIN_FORMAT, datefmt, style, **kwargs)

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        ids = " ".join(
            f"{name}={value}"
            for name, value in (
                ("request", getattr(record, "request_id", None)),
                ("task", getattr(record, "task_id", None)),
            )
            if value
        )
        record.ids = f"[{ids}] " if ids else ""
        return super().formatMessage(record)


def json_formatter() -> logging.Formatter:
    """One JSON object a line: time (ISO 8601, UTC), level, logger, message, request_id, task_id,
    plus whatever ``extra=`` the call passed."""
    from pythonjsonlogger.core import RESERVED_ATTRS
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        JSON_FORMAT,
        timestamp="time",
        rename_fields={"levelname": "level", "name": "logger"},
        # Not extras: asyncio's taskName, and the plain formatter's and Celery's helper fields.
        reserved_attrs=[*RESERVED_ATTRS, "taskName", "ids", "task_name"],
    )


# --- requests -------------------------------------------------------------------------------------


class RequestIdMiddleware:
    """Gives each request an id, for its log lines and the ``X-Request-ID`` response header.

    A proxy's or client's ``X-Request-ID`` is kept (so one id follows a request across services)
    when it matches ``[A-Za-z0-9._:-]{1,128}``; otherwise, or without one, a new uuid4 hex.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        value = incoming if _REQUEST_ID_RE.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = value  # type: ignore[attr-defined]
        request_id_var.set(value)  # cleared by _request_id_clear, once the response is closed
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = value
        return response


@receiver(request_finished)
def _request_id_clear(**kwargs: Any) -> None:
    request_id_var.set(None)


# --- Celery ---------------------------------------------------------------------------------------


# The token rides on the task's request context, so an eager task run inside another task (or
# inside a request) gives the outer id back when it ends.
@task_prerun.connect
def _task_id_set(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    if task is not None:
        task.request.log_task_id_token = task_id_var.set(task_id)


@task_postrun.connect
def _task_id_reset(task: Any = None, **kwargs: Any) -> None:
    token = getattr(task.request, "log_task_id_token", None) if task is not None else None
    if token is not None:
        task_id_var.reset(token)
        task.request.log_task_id_token = None


@after_setup_logger.connect
@after_setup_task_logger.connect
def _celery_handlers_format(logger: logging.Logger | None = None, **kwargs: Any) -> None:
    """The worker and beat replace the root handlers with their own: give those the ids filter and
    the LOG_FORMAT formatter, so their lines look like the web's."""
    from django.conf import settings

    if logger is None:
        return
    json_lines = getattr(settings, "LOG_FORMAT", "plain") == "json"
    for handler in logger.handlers:
        handler.addFilter(ContextFilter())
        handler.setFormatter(json_formatter() if json_lines else PlainFormatter())
