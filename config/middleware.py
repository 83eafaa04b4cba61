"""Request-level limits, applied before any view reads the body or the query string.

Part of the hostile-input guards shared by the API, the admin and the services:

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

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse


def too_large_response(request: HttpRequest) -> JsonResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return JsonResponse({"detail": f"The request body is larger than the limit of {limit} bytes."}, status=413)


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
