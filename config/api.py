"""API-wide plumbing: error handling, pagination and strict input.

Service-layer errors become clear 4xx answers, never a 500: Django's ValidationError is a 400,
its PermissionDenied a 403, and a unique-constraint race that slipped past a service's own check
(IntegrityError) a 409.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import exceptions, pagination, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """409. ``extra`` is merged into the body unchanged (ids stay numbers, unlike ``detail``)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"

    def __init__(self, detail: Any = None, code: str | None = None, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail, code)
        self.extra = extra or {}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, IntegrityError):
        # The services check uniqueness first; reaching here means a concurrent write won the race.
        logger.info("IntegrityError answered as 409: %s", exc)
        exc = Conflict("The request conflicts with a record that already exists (a concurrent change, or a duplicate).")
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(f"Malformed request body: {exc.detail}")
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, Conflict) and isinstance(response.data, dict):
        response.data.update(exc.extra)
    return response


class StandardPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class StrictFieldsMixin:
    """Reject input keys the serializer does not accept, instead of silently dropping them.

    A typo such as ``"comit"`` or an attempt to set ``"origin"`` would otherwise "succeed"
    while doing nothing, which is worse than a clear 400.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}  # type: ignore[attr-defined]
            read_only = {name for name, field in self.fields.items() if field.read_only}  # type: ignore[attr-defined]
            errors: dict[str, list[str]] = {}
            for key in sorted(set(data) - writable):
                if key in read_only or key in getattr(self, "read_only_input_fields", ()):
                    errors[key] = ["This field is read-only and cannot be set."]
                else:
                    errors[key] = [f"Unknown field. Accepted fields: {', '.join(sorted(writable))}."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)  # type: ignore[misc]
