"""LIAR-style statements: JSON Lines (id, label, statement, speaker ...) or the LIAR release's header-less TSV. Identifier liar-<id>; the 6-way label is kept as the rating label. Position = the line number."""

from __future__ import annotations

import json
import re
from typing import Any

from credibility.formats.claimreview import ParsedFactCheck, parsed_from_fields
from credibility.formats.factcheck_csv import physical_lines
from credibility.formats.records import ReadDocument, RecordError, RecordRead, record_read

# LIAR's six labels on the verdict scale (the rating label itself is stored verbatim).
LIAR_VERDICTS = {
    "pants-fire": "false",
    "false": "false",
    "barely-true": "mostly_false",
    "half-true": "mixed",
    "mostly-true": "mostly_true",
    "true": "true",
}


_LIAR_TSV_COLUMNS = ("id", "label", "statement", "subjects", "speaker", "speaker_job", "state", "party")


def _speaker_name(slug: str) -> str:
    slug = slug.strip()
    if not slug or " " in slug:
        return slug
    return " ".join(part.capitalize() for part in slug.split("-") if part)


def parse_liar(record: Any) -> ParsedFactCheck:
    if not isinstance(record, dict):
        raise RecordError("a LIAR record must be an object with id, label and statement")
    raw_id = str(record.get("id") or "").strip()
    if not raw_id:
        raise RecordError("id is missing")
    identifier = "liar-" + re.sub(r"\.json$", "", raw_id)
    label = str(record.get("label") or "").strip()
    statement = str(record.get("statement") or "").strip()
    if len(statement) >= 2 and statement[0] == statement[-1] == '"':
        statement = statement[1:-1].strip()  # LIAR quotes direct quotations; the claim is the words
    parsed = parsed_from_fields(
        identifier=identifier,
        url=None,
        claim_reviewed=statement,
        claimant=_speaker_name(str(record.get("speaker") or "")),
        publisher="PolitiFact (LIAR)",
        rating_label=label,
        raw=record,
    )
    verdict = LIAR_VERDICTS.get(label.casefold())
    parsed.verdict = verdict or "unproven"
    parsed.label_known = verdict is not None
    return parsed


def _liar_tsv_record(cells: list[str]) -> dict[str, Any]:
    if len(cells) < 3:
        raise RecordError(f"{len(cells)} tab-separated cells; a LIAR row has at least id, label and statement")
    record = dict(zip(_LIAR_TSV_COLUMNS, cells, strict=False))
    if len(cells) >= 14:
        record["context"] = cells[13]
    return record


def read_liar(text: str) -> ReadDocument:
    """JSON Lines or TSV, one record per line: lines end at ``\n`` or ``\r\n`` only (a U+2028 or
    U+0085 inside a statement is part of it, as JSON Lines and the LIAR TSV define lines)."""
    records: list[RecordRead] = []
    lines = [line.removesuffix("\n").removesuffix("\r") for line in physical_lines(text)]
    first = next((line for line in lines if line.strip()), "")
    is_jsonl = first.lstrip().startswith("{")
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if is_jsonl:
            try:
                record: Any = json.loads(line)
            except json.JSONDecodeError as exc:
                records.append(RecordRead(position=number, error=f"not valid JSON: {exc.msg}"))
                continue
            records.append(record_read(number, parse_liar, record))
            continue
        cells = line.split("\t")
        if header is None and not records and {"statement", "label"} <= {c.strip().lower() for c in cells}:
            header = [c.strip().lower() for c in cells]
            continue
        try:
            record = dict(zip(header, cells, strict=False)) if header else _liar_tsv_record(cells)
        except RecordError as exc:
            records.append(RecordRead(position=number, error=str(exc)))
            continue
        records.append(record_read(number, parse_liar, record))
    return ReadDocument(format="liar", position_unit="line", records=records)
