"""API-wide plumbing: error handling, pagination and strict input.

Service-layer errors become clear 4xx answers, never a 500, in one place (``exception_handler``):
an ``ApplicationError`` answers its own ``http_status``; any other Django ValidationError is a 400,
its PermissionDenied a 403, and a unique-constraint race that slipped past a service's own check
(IntegrityError) a 409. SQLite's "database is locked" (a write that waited past the busy timeout,
``make run``) is a 503 with ``Retry-After``.

Every error body is JSON (``application/json``), also when the request asked for CSV or JSON-LD:
one error shape and one media type, as the OpenAPI schema declares (config/api/schema.py). Only
the browsable API keeps its HTML page for people.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import exceptions, status
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from annotations.services.errors import ApplicationError
from config.errors import RETRY_AFTER_SECONDS, database_locked

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """409. ``extra`` is merged into the body unchanged (ids stay numbers, unlike ``detail``)."""

    status_code: int = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"

    def __init__(
        self,
        detail: Any = None,
        code: str | None = None,
        *,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail, code)
        self.extra = extra or {}
        self.headers = headers or {}


class ServiceRefusal(Conflict):
    """An ``ApplicationError`` answered with its ``http_status``, its messages as the body, and its
    ``extra()`` fields and ``headers()``."""

    def __init__(self, error: ApplicationError) -> None:
        detail: Any = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
        if list(detail) == ["detail"] and len(detail["detail"]) == 1:
            detail = detail["detail"][0]  # {"detail": "..."}, as DRF's own errors read
        super().__init__(detail, extra=error.extra(), headers=error.headers())
        self.status_code = error.http_status


class DatabaseBusy(exceptions.APIException):
    """503 with ``Retry-After``: SQLite's write lock was held longer than the busy timeout."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is busy with another write; retry in a moment."
    default_code = "database_busy"


class PayloadTooLarge(exceptions.APIException):
    """413: the request body, or a text in it (an article body over ARTICLE_BODY_MAX_CHARS), is too large."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


class PreconditionFailed(Conflict):
    """412: the ``If-Match`` version is not the stored one. ``extra`` carries ``current_version``."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it; reload it and retry."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    """428: a write that must say which version it changes came without ``If-Match``."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "This request must carry an If-Match header with the ETag you read (GET the resource first), "
        "so that it cannot silently overwrite someone else's change."
    )
    default_code = "precondition_required"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(
            f"The request body is larger than the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
        )
    elif isinstance(exc, ApplicationError):
        # A service's refusal with its own HTTP meaning (annotations.services.errors): mapped here, once.
        exc = ServiceRefusal(exc)
    elif isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif database_locked(exc):
        # SQLite (make run): another write held the lock past the busy timeout. Not a bug: retry.
        logger.warning("Database locked, answered 503: %s", exc)
        exc = DatabaseBusy()
    elif isinstance(exc, IntegrityError):
        # The services check uniqueness first; reaching here means a concurrent write won the race.
        logger.info("IntegrityError answered as 409: %s", exc)
        exc = Conflict("The request conflicts with a record that already exists (a concurrent change, or a duplicate).")
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(f"Malformed request body: {exc.detail}")
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is not None and request is not None:
        if not isinstance(getattr(request, "accepted_renderer", None), BrowsableAPIRenderer):
            # The view's finalize_response renders with the request's renderer.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
    if response is not None and isinstance(exc, Conflict) and isinstance(response.data, dict):
        response.data.update(exc.extra)
    if response is not None and isinstance(exc, Conflict):
        for name, value in exc.headers.items():
            response[name] = value
    if response is not None and isinstance(exc, DatabaseBusy):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
