"""CSV writing, safe to open in a spreadsheet: one formula guard (``csv_cell``) and one writer
(``rows_to_csv``) for every CSV the service produces (the API's ``?format=csv``, the annotation
export, the flagged-claim report and its command).

Formula injection: a text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return, which some spreadsheets strip before parsing) is prefixed with ``'`` so it is shown as
text, never evaluated, as OWASP recommends. Numbers are written as numbers and left alone.
Nested objects flatten to snake_case column names (``article_title``), the one header style of
every CSV here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

ANNOTATION_COLUMNS = (
    "id",
    "article",
    "kind",
    "status",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "reason",
    "suggestion",
    "comment",
    "origin",
    "detector",
    "rule",
    "confidence",
    "source_id",
    "source_name",
    "source_kind",
    "evidence",
    "reviewer",
    "review_note",
    "reviewed_at",
    "created_at",
    "updated_at",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The UTF-8 byte order mark: optional in every CSV download (``?bom=1``), on for the admin's links.
UTF8_BOM = "\ufeff".encode()


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
    """``{"a": {"b": 1}, "c": [1, 2]}`` -> ``{"a_b": 1, "c": "1; 2"}``: one header style, snake_case,
    in every CSV the service writes (as the annotation export's ``source_name`` always was)."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, prefix=f"{name}_"))
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


def _evidence(evidence: Mapping[str, Any] | None) -> str:
    if not evidence:
        return ""
    if evidence.get("annotation") is not None:
        return f"article {evidence.get('article')} annotation {evidence.get('annotation')}"
    return str(evidence.get("url") or evidence.get("identifier") or "")


def _annotation_record(item: Mapping[str, Any]) -> dict[str, Any]:
    source = item.get("source") or {}
    return {
        **{name: item.get(name) for name in ANNOTATION_COLUMNS},
        "source_id": source.get("id"),
        "source_name": source.get("name"),
        "source_kind": source.get("kind"),
        "evidence": _evidence(item.get("evidence")),
    }


def annotations_csv(items: Iterable[Mapping[str, Any]]) -> str:
    """An article's annotations (the annotation JSON) as CSV, one row each, ``ANNOTATION_COLUMNS`` in order."""
    return rows_to_csv((_annotation_record(item) for item in items), ANNOTATION_COLUMNS)
