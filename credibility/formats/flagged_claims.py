"""Formatting of the flagged-claim report rows (``credibility.selectors.flagged_claim_rows``).

Pure functions: rows in, text out. The API, the admin page and ``manage.py flag_report`` show
the same rows, so a reviewer sees the same report wherever they look.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from credibility.formats.csv import rows_to_csv

# The CSV header, in order (nested fields flattened to snake_case: ``article_title``).
FLAGGED_CLAIM_CSV_COLUMNS = (
    "id",
    "kind",
    "reason",
    "status",
    "detector",
    "checkworthiness",
    "confidence",
    "created_at",
    "article_id",
    "article_title",
    "article_url",
    "article_outlet_name",
    "quote",
    "sentence",
    "source_name",
    "source_kind",
    "evidence_type",
    "evidence_claim_reviewed",
    "evidence_verdict",
    "evidence_rating",
    "evidence_url",
    "evidence_title",
    "evidence_quote",
    "assignee_username",
    "reviewer_username",
    "reviewed_at",
    "review_note",
    "explanation",
    "anchor_state",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def flagged_claim_sentence(row: Mapping[str, Any]) -> str:
    context = row["context"]
    return f"{context['before']}{context['quote']}{context['after']}"


def flagged_claim_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row with JSON-safe values (ISO 8601 datetimes)."""
    return {key: _plain(item) for key, item in row.items()}


def flagged_claims_json(rows: Iterable[Mapping[str, Any]]) -> str:
    return json.dumps([flagged_claim_json(row) for row in rows], ensure_ascii=False, indent=2)


def flagged_claim_csv_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row as CSV sees it: the sentence spelled out, the highlight context dropped."""
    record = {key: value for key, value in flagged_claim_json(row).items() if key != "context"}
    record["sentence"] = flagged_claim_sentence(row)
    return record


def flagged_claims_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV with a fixed header; formula-like cells are neutralised (``credibility.formats.csv.csv_cell``)."""
    return rows_to_csv([flagged_claim_csv_record(row) for row in rows], FLAGGED_CLAIM_CSV_COLUMNS)


def _evidence_text(evidence: Mapping[str, Any] | None) -> str:
    if evidence is None:
        return "none"
    if evidence["type"] == "factcheck":
        rating = f" ({evidence['rating']})" if evidence.get("rating") else ""
        return f"fact-check: {evidence['claim_reviewed']!r} -> {evidence['verdict']}{rating} {evidence.get('url') or ''}".rstrip()
    return f"article {evidence['article']} {evidence.get('title') or ''!r}: {evidence['quote']!r}"


def flagged_claims_text(rows: Iterable[Mapping[str, Any]], *, held_back: int = 0) -> str:
    """A console listing: one block per flag, the flag bracketed in its sentence; then how many
    low-value flags the per-article budget held back, when it held any."""
    blocks = []
    for row in rows:
        context = row["context"]
        article = row["article"]
        outlet = article["outlet"]["name"] if article["outlet"] else "no outlet"
        what = row["kind"] + (f"/{row['reason']}" if row["reason"] else "")
        confidence = "-" if row["confidence"] is None else f"{row['confidence']:.2f}"
        worth = "-" if row["checkworthiness"] is None else f"{row['checkworthiness']:.2f}"
        lines = [
            f"#{row['id']} {what} [{row['status']}] {row['detector'] or row['origin']} "
            f"check-worthiness {worth} confidence {confidence}",
            f"  article {article['id']}: {article['title']} ({outlet}){' ' + article['url'] if article['url'] else ''}",
            f"  sentence: {context['before']}[[{context['quote']}]]{context['after']}",
            f"  source: {row['source']['name'] if row['source'] else 'none'}",
            f"  evidence: {_evidence_text(row['evidence'])}",
        ]
        if row["assignee"]:
            lines.append(f"  assignee: {row['assignee']['username']}")
        if row["status"] != "open" and row["reviewer"]:
            lines.append(f"  reviewed by {row['reviewer']['username']}: {row['review_note'] or '(no note)'}")
        blocks.append("\n".join(lines))
    text = "\n\n".join(blocks) + ("\n" if blocks else "No flagged claims match.\n")
    if held_back:
        text += (
            f"\n{held_back} low-value flag{'s' if held_back != 1 else ''} held back by the per-article budget "
            "(--show-all lists them).\n"
        )
    return text
