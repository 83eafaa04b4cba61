"""CSV for the API (``?format=csv``), safe to open in a spreadsheet.

Nested objects flatten to dotted column names (``article.title``). Every text cell that a
spreadsheet would read as a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage
return) is prefixed with an apostrophe, as OWASP recommends against CSV injection; numbers
stay numbers.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rest_framework.renderers import BaseRenderer

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value ready for ``csv.writer``: None is empty, booleans are words, formulas are neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}, "c": [1, 2]}`` -> ``{"a.b": 1, "c": "1; 2"}``."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, prefix=f"{name}."))
        elif isinstance(value, (list, tuple)):
            flat[name] = "; ".join(str(item) for item in value)
        else:
            flat[name] = value
    return flat


def rows_to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Flattened rows as CSV text; without ``columns`` the header is every key in first-seen order."""
    flat_rows = [flatten(row) for row in rows]
    if columns is None:
        columns = list(dict.fromkeys(key for row in flat_rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(column) for column in columns])
    for row in flat_rows:
        writer.writerow([csv_cell(row.get(column)) for column in columns])
    return out.getvalue()


class CSVRenderer(BaseRenderer):
    """Renders a list of objects (or ``{"results": [...]}``) as CSV; anything else as one row.

    A view may define ``get_csv_columns()`` (or set ``csv_columns``) to fix the header and its
    order, even for an empty list.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None) -> bytes:
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
        return rows_to_csv(rows, columns).encode(self.charset)
