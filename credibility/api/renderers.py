"""Renderers for the export formats, selected by ``?format=`` (DRF's URL format override)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer, JSONRenderer

from config.api.parsers import StrictJSONParser
from credibility.formats.csv import UTF8_BOM, rows_to_csv

# ``?bom=1``: the CSV starts with a UTF-8 byte order mark, which spreadsheet programs need to read
# the file as UTF-8 rather than the system's legacy code page (accents, quotes and emoji intact).
BOM_PARAMETER = "bom"
_TRUE = frozenset({"1", "true", "yes", "on"})


def wants_bom(renderer_context: Mapping[str, Any] | None) -> bool:
    """Whether the request asked for a byte order mark, and the response is CSV (not an error body)."""
    context = renderer_context or {}
    request, response = context.get("request"), context.get("response")
    if request is None or (response is not None and response.status_code >= 400):
        return False
    return str(request.query_params.get(BOM_PARAMETER, "")).strip().lower() in _TRUE


class HTMLSafeJSONRenderer(JSONRenderer):
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026``.

    The same document (those characters only ever occur inside JSON strings), but one that stays
    inert wherever an export ends up: pasted into a page's ``<script type="application/ld+json">``
    (the usual home of ClaimReview markup), or opened by a browser that ignores its media type.
    """

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        rendered = super().render(data, accepted_media_type, renderer_context)
        return rendered.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


class W3CAnnotationRenderer(HTMLSafeJSONRenderer):
    """The view adds the ``profile`` parameter to the response (a parameter here would fail negotiation)."""

    media_type = "application/ld+json"
    format = "w3c"


W3C_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


class ClaimReviewRenderer(HTMLSafeJSONRenderer):
    media_type = "application/ld+json"
    format = "claimreview"


class AnnotationCSVRenderer(BaseRenderer):
    """The view hands over finished CSV text; anything else (an error body) is written as JSON."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if isinstance(data, str):
            return (UTF8_BOM if wants_bom(renderer_context) else b"") + data.encode("utf-8")
        return json.dumps(data, default=str).encode("utf-8")


class ImportResultRenderer(JSONRenderer):
    """Plain JSON for the import's answer, selectable as ``?format=w3c`` (the format of what was posted)."""

    format = "w3c"


class JSONLDParser(StrictJSONParser):
    """JSON-LD bodies (W3C collections are often sent as application/ld+json)."""

    media_type = "application/ld+json"


class CSVRenderer(BaseRenderer):
    """Renders a list of objects (or ``{"results": [...]}``) as CSV; anything else as one row.

    A view may define ``get_csv_columns()`` (or set ``csv_columns``) to fix the header and its
    order, even for an empty list.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        response = (renderer_context or {}).get("response")
        if isinstance(data, Mapping) and "results" in data:
            data = data["results"]
        if isinstance(data, Mapping):
            rows: list[Mapping[str, Any]] = [data]
            columns = None
        else:
            rows = list(data)
            get_columns = getattr(view, "get_csv_columns", None)
            columns = get_columns() if callable(get_columns) else getattr(view, "csv_columns", None)
        if response is not None and response.status_code >= 400:
            columns = None  # errors keep their own shape
        bom = UTF8_BOM if wants_bom(renderer_context) else b""
        return bom + rows_to_csv(rows, columns).encode(self.charset)
