"""Fact-checks as CSV (or TSV with the same header): a header row naming CSV_COLUMNS (claim_reviewed
and one of identifier / url are required; unknown columns are ignored). Position = the line the
record starts on (the header is line 1)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from credibility.formats.claimreview import CLAIM_REVIEW_FIELDS, ParsedFactCheck, parsed_from_fields
from credibility.formats.records import ReadDocument, RecordError, RecordRead, record_read

CSV_COLUMNS = CLAIM_REVIEW_FIELDS


def _csv_number(row: dict[str, str], column: str) -> float | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise RecordError(f"{column} {value!r} is not a number") from None


def _csv_date(row: dict[str, str], column: str) -> date | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise RecordError(f"{column} {value!r} is not a date (YYYY-MM-DD)") from None


def _parse_csv_row(row: dict[str | None, Any]) -> ParsedFactCheck:
    if None in row:  # DictReader's restkey: more cells than header columns
        raise RecordError(f"{len(row[None])} more cell(s) than the header's {len(row) - 1} columns")
    clean = {key: (value or "") for key, value in row.items() if key is not None}
    return parsed_from_fields(
        identifier=clean.get("identifier"),
        url=clean.get("url"),
        claim_reviewed=clean.get("claim_reviewed"),
        claimant=clean.get("claimant", ""),
        claim_date=_csv_date(clean, "claim_date"),
        publisher=clean.get("publisher", ""),
        review_date=_csv_date(clean, "review_date"),
        rating_label=clean.get("rating_label", ""),
        rating_value=_csv_number(clean, "rating_value"),
        best_rating=_csv_number(clean, "best_rating"),
        worst_rating=_csv_number(clean, "worst_rating"),
        raw={key: value for key, value in clean.items() if value != ""},
    )


def physical_lines(text: str) -> list[str]:
    """The document's lines, ends kept, split at ``\n`` (so ``\r\n`` too) and nowhere else.

    ``str.splitlines()`` also splits at U+2028, U+2029, U+0085, form feeds and lone ``\r``,
    which are ordinary characters inside a CSV cell or a LIAR statement (it cut ``liar-9`` in two).
    """
    return [line for line in re.split(r"(?<=\n)", text) if line]


# A quoted cell may span lines; one that never closes would swallow the rest of the file.
_MAX_RECORD_LINES = 1000


def csv_records(text: str, *, delimiter: str) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """(line, cells, error) per CSV record, by the csv module's rules (``strict``: a quote must
    close, and be followed by a delimiter or the end of the record) over ``physical_lines``.

    A record the csv module cannot read (an unterminated quote, text after a closing quote, a
    lone ``\r`` in an unquoted cell) is reported with its first line and skipped; reading
    resumes on the next line, so one bad record never garbles or hides the others.
    """
    lines = physical_lines(text)
    index = 0
    while index < len(lines):
        first = index
        chunk = ""
        cells: list[str] | None = None
        error: str | None = None
        while index < len(lines) and index - first < _MAX_RECORD_LINES:
            chunk += lines[index]
            index += 1
            try:
                rows = list(csv.reader([chunk], delimiter=delimiter, strict=True))
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    continue  # a quoted cell goes on to the next line
                error = f"unreadable CSV record: {exc}"
                break
            cells = rows[0] if rows else []
            break
        else:
            error = "unterminated quote: the quoted cell never closes"
        if cells is None:
            yield first + 1, None, error
            index = first + 1
            continue
        yield first + 1, cells, None


def read_csv(text: str) -> ReadDocument:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    header: list[str] | None = None
    records: list[RecordRead] = []
    for line, cells, error in csv_records(text, delimiter=delimiter):
        if header is None:
            if cells is None:
                raise RecordError(f"the CSV header (line {line}) cannot be read: {error}")
            header = [name.strip().lower() for name in cells]
            if "claim_reviewed" not in header or not {"identifier", "url"} & set(header):
                raise RecordError(
                    "the CSV header must name claim_reviewed and identifier or url; columns: " + ",".join(CSV_COLUMNS)
                )
            continue
        if cells is None:
            records.append(RecordRead(position=line, error=error))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        row: dict[Any, Any] = dict(zip(header, cells, strict=False))
        if len(cells) > len(header):
            row[None] = cells[len(header) :]
        records.append(record_read(line, _parse_csv_row, row))
    if header is None:
        raise RecordError("the CSV is empty: it needs a header naming claim_reviewed and identifier or url")
    return ReadDocument(format="csv", position_unit="line", records=records)
