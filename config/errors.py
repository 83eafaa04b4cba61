"""Failing gracefully: no technical 500 page for the API, and none that shows the environment.

- ``database_locked``: SQLite's "database is locked" (a write waited longer than its busy
  timeout). The API answers 503 with ``Retry-After`` (``config.api.exception_handler``, and
  ``ApiJsonErrorMiddleware`` for anything that escapes DRF), never a 500.
- ``ApiJsonErrorMiddleware``: an exception escaping a view under ``/api/`` becomes a JSON 500
  (logged like Django's own "Internal Server Error"), so even with DEBUG on (``make run``) an API
  client never gets Django's technical page.
- ``not_found`` (``handler404``): a URL under ``/api/`` that no route matches (``/api/v1/sources/abc/``)
  answers the API's JSON 404 body, not Django's HTML page.
- ``EnvironmentHidingFilter`` (``DEFAULT_EXCEPTION_REPORTER_FILTER``): when the technical page is
  shown (DEBUG, non-API routes), it lists only the request's HTTP headers and a few request
  variables, not ``request.META``, which under runserver holds the whole process environment,
  and only a short list of harmless settings.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.debug import SafeExceptionReporterFilter
from django.views.defaults import page_not_found

logger = logging.getLogger("django.request")

RETRY_AFTER_SECONDS = 1


def database_locked(exc: BaseException) -> bool:
    if not isinstance(exc, OperationalError):
        return False
    message = str(exc).lower()
    return "database is locked" in message or "database table is locked" in message or "database is busy" in message


def busy_response() -> JsonResponse:
    response = JsonResponse(
        {"detail": "The database is busy with another write; retry in a moment.", "code": "database_busy"}, status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ApiJsonErrorMiddleware:
    """JSON errors for API routes, whatever DEBUG says (see the module docstring)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith("/api/"):
            return None
        if database_locked(exception):
            logger.warning("Database locked, answered 503: %s", request.path)
            return busy_response()
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return JsonResponse({"detail": "Internal server error.", "code": "server_error"}, status=500)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: JSON under /api/ (as DRF's own 404s read), Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


_SHOWN_META = frozenset(
    {
        "REQUEST_METHOD",
        "PATH_INFO",
        "QUERY_STRING",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "REMOTE_ADDR",
        "SCRIPT_NAME",
    }
)
_SHOWN_SETTINGS = frozenset(
    {
        "DEBUG",
        "ALLOWED_HOSTS",
        "INSTALLED_APPS",
        "MIDDLEWARE",
        "ROOT_URLCONF",
        "LANGUAGE_CODE",
        "TIME_ZONE",
        "USE_TZ",
    }
)


class EnvironmentHidingFilter(SafeExceptionReporterFilter):
    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        meta = getattr(request, "META", {}) or {}
        shown = {}
        for key, value in meta.items():
            if key in _SHOWN_META or (key.startswith("HTTP_") and key not in ("HTTP_COOKIE", "HTTP_AUTHORIZATION")):
                shown[key] = self.cleanse_setting(key, value)
        return shown

    def get_safe_settings(self) -> dict[str, Any]:
        return {key: value for key, value in super().get_safe_settings().items() if key in _SHOWN_SETTINGS}
