"""config/logs.py: request and task ids on every log line, in JSON or plain lines."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from config.celery import app
from config.logs import (
    ContextFilter,
    PlainFormatter,
    RequestIdMiddleware,
    _celery_handlers_format,
    json_formatter,
    request_id_var,
    task_id_var,
)

logger = logging.getLogger("tests.config.logs")


@pytest.fixture
def captured():
    """Records of ``logger`` as JSON lines, through the filter and formatter production uses."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(json_formatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


@app.task(name="tests.config.log_probe")
def log_probe_task() -> None:
    logger.info("inside the task")


def _middleware(view=None):
    def default_view(request):
        logger.info("handling %s", request.path)
        return HttpResponse("ok")

    return RequestIdMiddleware(view or default_view)


def test_json_line_has_time_level_logger_message_and_the_request_id(captured):
    response = _middleware()(RequestFactory().get("/x/"))
    [line] = captured()
    assert set(line) >= {"time", "level", "logger", "message", "request_id", "task_id"}
    assert (line["level"], line["logger"], line["message"]) == ("INFO", "tests.config.logs", "handling /x/")
    assert line["time"].endswith("+00:00")
    assert line["request_id"] == response["X-Request-ID"] and len(line["request_id"]) == 32
    assert line["task_id"] is None


def test_a_sane_incoming_request_id_is_kept_and_a_hostile_one_replaced(captured):
    kept = _middleware()(RequestFactory().get("/x/", HTTP_X_REQUEST_ID="edge-4f2a.1"))
    assert kept["X-Request-ID"] == "edge-4f2a.1"
    replaced = _middleware()(RequestFactory().get("/x/", HTTP_X_REQUEST_ID='a"}\n{"level":"CRITICAL'))
    assert replaced["X-Request-ID"] != 'a"}\n{"level":"CRITICAL' and len(replaced["X-Request-ID"]) == 32
    trailing_newline = _middleware()(RequestFactory().get("/x/", HTTP_X_REQUEST_ID="abc\n"))
    assert trailing_newline["X-Request-ID"] != "abc\n"
    assert [line["request_id"] for line in captured()][:2] == ["edge-4f2a.1", replaced["X-Request-ID"]]


def test_task_lines_carry_the_task_id_and_the_request_id_of_the_request_that_ran_it(captured):
    def view(request):
        log_probe_task.apply_async(task_id="task-1")  # eager under the test settings
        logger.info("after the task")
        return HttpResponse("ok")

    response = _middleware(view)(RequestFactory().get("/x/"))
    inside, after = captured()
    assert (inside["message"], inside["task_id"]) == ("inside the task", "task-1")
    assert inside["request_id"] == response["X-Request-ID"]
    assert (after["message"], after["task_id"]) == ("after the task", None)
    assert task_id_var.get() is None


def test_djangos_own_line_for_an_error_answer_carries_the_request_id_which_ends_with_the_request(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(json_formatter())
    django_request = logging.getLogger("django.request")
    django_request.addHandler(handler)
    try:
        response = client.get("/api/v1/articles/", HTTP_X_REQUEST_ID="probe-1")  # 401: logged after the middleware
    finally:
        django_request.removeHandler(handler)
    assert response.status_code == 401 and response["X-Request-ID"] == "probe-1"
    [line] = [json.loads(text) for text in stream.getvalue().splitlines()]
    assert (line["logger"], line["request_id"], line["status_code"]) == ("django.request", "probe-1", 401)
    assert request_id_var.get() is None, "the id does not outlive its request"


def test_plain_lines_show_the_ids_only_when_there_are_some():
    formatter = PlainFormatter()
    record = logging.LogRecord("app", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
    ContextFilter().filter(record)
    assert formatter.format(record).endswith(" WARNING app hello world")
    token = request_id_var.set("r1")
    try:
        record = logging.LogRecord("app", logging.INFO, __file__, 1, "hi", (), None)
        ContextFilter().filter(record)
    finally:
        request_id_var.reset(token)
    assert formatter.format(record).endswith(" INFO app [request=r1] hi")


@pytest.mark.parametrize(("log_format", "formatter_class"), [("json", "JsonFormatter"), ("plain", "PlainFormatter")])
def test_celery_worker_handlers_get_the_filter_and_the_log_format(settings, log_format, formatter_class):
    settings.LOG_FORMAT = log_format
    worker_logger = logging.Logger("celery-worker-root")
    handler = logging.StreamHandler(io.StringIO())
    worker_logger.addHandler(handler)
    _celery_handlers_format(logger=worker_logger)
    assert type(handler.formatter).__name__ == formatter_class
    assert any(isinstance(f, ContextFilter) for f in handler.filters)
