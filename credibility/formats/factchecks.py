"""Readers for the fact-check formats the registry imports. Pure Python, no Django.

Every reader turns a whole document into ``RecordRead`` items, one per record, each either a
``ParsedFactCheck`` or the reason it cannot be imported, with its position in the document:

- ``claimreview`` / ``datafeed``: a JSON list of ClaimReviews, one ClaimReview, a JSON-LD
  ``@graph`` or a schema.org DataFeed; position = the 1-based record number.
- ``html``: ClaimReviews in the page's ``<script type="application/ld+json">`` blocks (objects,
  lists, ``@graph``, DataFeeds); other JSON-LD types on the page are ignored. Position = the
  1-based ClaimReview number in document order; a block that is not valid JSON takes one
  position and is reported with its line.
- ``csv``: a header row naming the columns of ``CSV_COLUMNS`` (``claim_reviewed`` and one of
  ``identifier`` / ``url`` are required; unknown columns are ignored; a tab-separated file with
  the same header works too). Position = the line the record starts on (the header is line 1).
- ``liar``: LIAR-style statements, JSON Lines (``id``, ``label``, ``statement``, ``speaker`` ...)
  or the LIAR release's header-less TSV (id, label, statement, subjects, speaker, job, state,
  party, five counts, context). Identifier ``liar-<id>``; the 6-way label is kept as the
  rating label. Position = the line number.

A document that cannot be read at all raises ``RecordError`` and nothing is imported.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any

from credibility.formats.claimreview import (
    ParsedFactCheck,
    RecordError,
    iter_claim_reviews,
    parse_claim_review,
    parsed_from_fields,
)

FORMATS = ("auto", "claimreview", "datafeed", "html", "csv", "liar")
CSV_COLUMNS = (
    "identifier", "url", "claim_reviewed", "claimant", "claim_date", "publisher", "review_date",
    "rating_label", "rating_value", "best_rating", "worst_rating",
)
# LIAR's six labels on the verdict scale (the rating label itself is stored verbatim).
LIAR_VERDICTS = {
    "pants-fire": "false", "false": "false", "barely-true": "mostly_false",
    "half-true": "mixed", "mostly-true": "mostly_true", "true": "true",
}
_LIAR_TSV_COLUMNS = ("id", "label", "statement", "subjects", "speaker", "speaker_job", "state", "party")


@dataclass(frozen=True, slots=True)
class RecordRead:
    position: int
    parsed: ParsedFactCheck | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ReadDocument:
    format: str
    position_unit: str  # "record" or "line"
    records: list[RecordRead]


def _read(position: int, build: Any, *args: Any) -> RecordRead:
    try:
        return RecordRead(position=position, parsed=build(*args))
    except RecordError as exc:
        return RecordRead(position=position, error=str(exc))


# --- JSON (ClaimReview list, DataFeed) ------------------------------------------------------


def read_claimreview_json(document: Any, *, require_feed: bool = False) -> ReadDocument:
    """Records of an already-decoded JSON document (the API hands its parsed body straight here)."""
    if require_feed and not (isinstance(document, dict) and document.get("@type") == "DataFeed"):
        raise RecordError('expected a schema.org DataFeed ("@type": "DataFeed")')
    records = [_read(n, parse_claim_review, record) for n, record in enumerate(iter_claim_reviews(document), start=1)]
    return ReadDocument(format="datafeed" if require_feed else "claimreview", position_unit="record", records=records)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc


# --- HTML with JSON-LD ----------------------------------------------------------------------


class _JsonLdScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []  # (line, text)
        self._current: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
            if kind == "application/ld+json":
                self._current, self._line = [], self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append((self._line, "".join(self._current)))
            self._current = None


def _claim_review_nodes(node: Any) -> Iterator[Any]:
    """ClaimReview objects anywhere a page's JSON-LD usually puts them; other types are skipped."""
    if isinstance(node, list):
        for item in node:
            yield from _claim_review_nodes(item)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "ClaimReview" in kinds:
            yield node
        elif "@graph" in node:
            yield from _claim_review_nodes(node["@graph"])
        elif "DataFeed" in kinds:
            yield from _claim_review_nodes(list(iter_claim_reviews(node)))
        elif "DataFeedItem" in kinds:
            yield from _claim_review_nodes(node.get("item"))
        elif isinstance(node.get("review"), (dict, list)):  # e.g. a CreativeWork carrying its review
            yield from _claim_review_nodes(node["review"])


def read_html(text: str) -> ReadDocument:
    parser = _JsonLdScripts()
    parser.feed(text)
    parser.close()
    if not parser.blocks:
        raise RecordError('no <script type="application/ld+json"> block in the HTML')
    records: list[RecordRead] = []
    for number, (line, block) in enumerate(parser.blocks, start=1):
        try:
            document = json.loads(block)
        except json.JSONDecodeError as exc:
            records.append(RecordRead(
                position=len(records) + 1,
                error=f"JSON-LD block {number} (line {line}) is not valid JSON: {exc.msg}",
            ))
            continue
        for node in _claim_review_nodes(document):
            records.append(_read(len(records) + 1, parse_claim_review, node))
    if not records:
        raise RecordError("no ClaimReview in the HTML's JSON-LD blocks")
    return ReadDocument(format="html", position_unit="record", records=records)


# --- CSV --------------------------------------------------------------------------------------


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


def _parse_csv_row(row: dict[str, Any]) -> ParsedFactCheck:
    if None in row:  # DictReader's restkey: more cells than header columns
        raise RecordError(f"{len(row[None])} more cell(s) than the header's {len(row) - 1} columns")
    clean = {key: (value or "") for key, value in row.items()}
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
        row: dict[Any, Any] = dict(zip(header, cells))
        if len(cells) > len(header):
            row[None] = cells[len(header):]
        records.append(_read(line, _parse_csv_row, row))
    if header is None:
        raise RecordError("the CSV is empty: it needs a header naming claim_reviewed and identifier or url")
    return ReadDocument(format="csv", position_unit="line", records=records)


# --- LIAR -------------------------------------------------------------------------------------


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
    record = dict(zip(_LIAR_TSV_COLUMNS, cells))
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
            records.append(_read(number, parse_liar, record))
            continue
        cells = line.split("\t")
        if header is None and not records and {"statement", "label"} <= {c.strip().lower() for c in cells}:
            header = [c.strip().lower() for c in cells]
            continue
        try:
            record = dict(zip(header, cells)) if header else _liar_tsv_record(cells)
        except RecordError as exc:
            records.append(RecordRead(position=number, error=str(exc)))
            continue
        records.append(_read(number, parse_liar, record))
    return ReadDocument(format="liar", position_unit="line", records=records)


# --- dispatch ---------------------------------------------------------------------------------


def detect_format(text: str, *, filename: str = "") -> str:
    """The format of a document, from its file name first and its content otherwise."""
    name = filename.lower()
    for suffixes, fmt in (((".html", ".htm"), "html"), ((".jsonl", ".ndjson"), "liar"), ((".csv",), "csv"), ((".json", ".jsonld"), "claimreview")):
        if name.endswith(suffixes):
            return fmt
    first_line = text.lstrip().split("\n", 1)[0]
    if name.endswith(".tsv"):
        return "csv" if "claim_reviewed" in first_line.lower() else "liar"
    head = text.lstrip()[:1]
    if head == "<":
        return "html"
    if head in ("[", "{"):
        try:
            json.loads(text)
            return "claimreview"
        except json.JSONDecodeError:
            if head == "{":
                return "liar"  # JSON Lines
            return "claimreview"  # a broken JSON list: let the JSON reader say where
    if "claim_reviewed" in first_line.lower():
        return "csv"
    if "\t" in first_line:
        return "liar"
    raise RecordError("cannot tell the format; name it with --format (" + ", ".join(FORMATS[1:]) + ")")


def read_factchecks(text: str, *, format: str = "auto", filename: str = "") -> ReadDocument:
    """Read a whole document in ``format`` (``auto``: guess from the file name, then the content)."""
    if format not in FORMATS:
        raise RecordError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    text = text.lstrip("\ufeff")
    fmt = detect_format(text, filename=filename) if format == "auto" else format
    if fmt in ("claimreview", "datafeed"):
        return read_claimreview_json(_json(text), require_feed=fmt == "datafeed")
    if fmt == "html":
        return read_html(text)
    if fmt == "csv":
        return read_csv(text)
    return read_liar(text)
