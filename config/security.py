"""Hostile-input guards shared by the API, the admin and the services.

Invariants (each refusal is a 4xx that writes nothing, never a 500):

- No stored text contains NUL (PostgreSQL rejects it in text columns) or a lone surrogate
  (U+D800-U+DFFF: not encodable as UTF-8, so psycopg cannot send it). ``text_problem`` is the
  one test; JSON request bodies are checked as a whole when parsed (``StrictJSONParser``),
  serializer ``CharField``s refuse both (DRF's own validators), and the write services call
  ``text_check`` for the paths that never see a serializer (admin, commands, imports, fetches).
- JSON bodies nest at most ``API_MAX_JSON_DEPTH`` levels and carry no integer outside the
  signed 64-bit range (a bigint column would overflow: a DataError, i.e. a 500).
- A request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes is a 413, whether the
  Content-Length says so up front or Django notices while reading a form (RequestDataTooBig,
  which Django would answer with a bare 400).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

_SURROGATE = re.compile("[\ud800-\udfff]")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored, or None when it can."""
    if "\x00" in value:
        return "NUL characters (U+0000) are not allowed."
    if _SURROGATE.search(value):
        return "Lone surrogate code points (U+D800 to U+DFFF) are not allowed."
    return None


def text_check(**fields: Any) -> None:
    """Raise a ValidationError naming every field whose text (or list of texts) cannot be stored."""
    errors: dict[str, str] = {}
    for name, value in fields.items():
        values = value if isinstance(value, (list, tuple, set, frozenset)) else (value,)
        for item in values:
            problem = text_problem(item) if isinstance(item, str) else None
            if problem:
                errors[name] = problem
                break
    if errors:
        raise ValidationError(errors)


def json_problem(data: Any, *, max_depth: int) -> str | None:
    """The first reason a parsed JSON document is refused, with the path to it; None when fine."""
    stack: list[tuple[Any, int, str]] = [(data, 1, "$")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, (Mapping, list)):
            if depth > max_depth:
                return f"JSON nested deeper than {max_depth} levels at {path}."
            items = value.items() if isinstance(value, Mapping) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and (problem := text_problem(key)):
                    return f"Key at {path}: {problem}"
                stack.append((item, depth + 1, f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"))
        elif isinstance(value, str):
            if problem := text_problem(value):
                return f"{path}: {problem}"
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
            return f"{path}: integer outside the 64-bit range."
    return None


class StrictJSONParser(JSONParser):
    """DRF's JSON parser plus the document-wide checks of ``json_problem`` (400 on failure)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:  # the C decoder gives up on thousands of nested brackets
            raise ParseError("JSON nested too deeply.") from exc
        problem = json_problem(data, max_depth=settings.API_MAX_JSON_DEPTH)
        if problem:
            raise ParseError(problem)
        return data


def too_large_response(request: HttpRequest) -> JsonResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return JsonResponse(
        {"detail": f"The request body is larger than the limit of {limit} bytes."}, status=413
    )


class RequestLimitsMiddleware:
    """413 for oversized bodies, 400 for NUL in the query string; before any view reads either.

    Multipart uploads are left to Django and the views: their files may be larger than the
    in-memory limit (they spool to disk), and Django counts only the non-file fields against it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        content_type = request.META.get("CONTENT_TYPE", "")
        if limit is not None and length > limit and not content_type.startswith("multipart/"):
            return too_large_response(request)
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return JsonResponse({"detail": f"Query parameter {key!r}: NUL characters are not allowed."}, status=400)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestDataTooBig):
            return too_large_response(request)
        return None
