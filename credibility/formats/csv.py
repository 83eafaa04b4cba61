"""An article's annotations as CSV, safe to open in a spreadsheet.

Formula injection: a text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return, which some spreadsheets strip before parsing) is prefixed with ``'`` so it is shown as
text, never evaluated. Numbers are written as numbers and left alone.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

COLUMNS = (
    "id", "article", "kind", "status", "start", "end", "quote", "prefix", "suffix", "reason", "suggestion",
    "comment", "origin", "detector", "rule", "confidence", "source_id", "source_name", "source_kind",
    "evidence", "reviewer", "review_note", "reviewed_at", "created_at", "updated_at",
)
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The cell value with a leading ``'`` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


def _evidence(evidence: Mapping[str, Any] | None) -> str:
    if not evidence:
        return ""
    if evidence.get("annotation") is not None:
        return f"article {evidence.get('article')} annotation {evidence.get('annotation')}"
    return str(evidence.get("url") or evidence.get("identifier") or "")


def _row(item: Mapping[str, Any]) -> list[Any]:
    source = item.get("source") or {}
    values = {
        **{name: item.get(name) for name in COLUMNS},
        "source_id": source.get("id"),
        "source_name": source.get("name"),
        "source_kind": source.get("kind"),
        "evidence": _evidence(item.get("evidence")),
    }
    return [neutralise("" if values[name] is None else values[name]) for name in COLUMNS]


def annotations_csv(items: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow(_row(item))
    return out.getvalue()
