"""The CLEF CheckThat! claim-matching files: queries, fact-checks ("vclaims") and relevance pairs.

- queries: JSON Lines of ``{"id", "text"}`` (optional ``document`` and ISO ``date``; without them a
  sentence id ``<document>_<line>`` names its document, and a date the name starts with its day);
- fact-checks: JSON Lines of ``{"id", "claim", "title", ...}`` (``title`` may be missing or null;
  ``date``, an ISO date, and ``speaker`` or ``claimant`` are used when present; other keys are ignored);
- qrels: ``query_id<TAB>factcheck_id`` lines (or TREC ``qid 0 vid rel``, rel > 0 relevant).

Readers take the file's lines and raise ``ClaimMatchingError`` naming the first bad line; ids
must be unique within a file (the benchmark's ids are unique only within one split).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from credibility.analysis.claims.ranking import FactCheckText, iso_date


class ClaimMatchingError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Query:
    """A query; ``document`` names the text it was taken from (empty: it stands alone), ``date`` the
    day it was said or published."""

    id: str
    text: str
    document: str = ""
    date: date | None = None
    position: int | None = None  # the line number a sentence id gives ("<document>_<line>")


# CheckThat! 2B sentence ids: <document>_<line number>, the document named after its day
# ("20170822_Trump_phoenix_0204"). Tweet ids ("tweet-sno-12") name no document.
_SENTENCE_ID = re.compile(r"^(?P<document>.+)_(?P<line>\d+)$")
# Only the numeric forms that train and dev use: a month-name form was once read too, but it had been
# added after seeing the test split's document names, so it was taken out (docs/quality.md).
_NAMED_DATE = re.compile(r"^(?P<year>(?:19|20)\d\d)[-_ ]?(?P<month>\d\d)[-_ ]?(?P<day>\d\d?)(?!\d)")


def document_of(identifier: str) -> str:
    """The document a sentence id names ("<document>_<line>"), or "" when it names none."""
    found = _SENTENCE_ID.match(identifier)
    return found["document"] if found else ""


def line_of(identifier: str) -> int | None:
    """The line number a sentence id names ("<document>_<line>"), or None."""
    found = _SENTENCE_ID.match(identifier)
    return int(found["line"]) if found else None


def positions_of(queries: Sequence[Query]) -> list[int] | None:
    """The queries' positions in their document when every one has one, else None."""
    found = [q.position for q in queries]
    return None if None in found else [p for p in found if p is not None]


def document_date(document: str) -> date | None:
    """The day a document name starts with: "20170822_...", "2017-08-22 ..."."""
    found = _NAMED_DATE.match(document)
    if not found:
        return None
    try:
        return date(int(found["year"]), int(found["month"]), int(found["day"]))
    except ValueError:
        return None


def _records(lines: Iterable[str], *, required: tuple[str, ...]) -> Iterable[tuple[int, dict[str, object]]]:
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        line = raw.removeprefix("\ufeff") if number == 1 else raw
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ClaimMatchingError(number, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(record, dict):
            raise ClaimMatchingError(number, f"expected a JSON object, got {type(record).__name__}")
        for key in required:
            if not isinstance(record.get(key), str) or not record[key].strip():
                raise ClaimMatchingError(number, f'"{key}" must be a non-empty string')
        identifier = record["id"]
        if identifier in seen:
            raise ClaimMatchingError(number, f"duplicate id {identifier!r}")
        seen.add(identifier)
        yield number, record


def read_queries(lines: Iterable[str]) -> list[Query]:
    """Queries; "document" and an ISO "date" are read when given, else taken from a sentence id."""
    out = []
    for number, record in _records(lines, required=("id", "text")):
        identifier = str(record["id"])
        document = _optional_text(record, "document", number) or document_of(identifier)
        when = iso_date(record.get("date")) or (document_date(document) if document else None)
        position = line_of(identifier) if document and document == document_of(identifier) else None
        out.append(Query(identifier, str(record["text"]), document, when, position))
    return out


def group_documents(queries: Sequence[Query]) -> list[tuple[str, list[Query]]]:
    """Queries grouped by document, in order of first appearance; each query without one alone, as ("", [q])."""
    groups: dict[str, list[Query]] = {}
    out: list[tuple[str, list[Query]]] = []
    for query in queries:
        if not query.document:
            out.append(("", [query]))
        elif query.document in groups:
            groups[query.document].append(query)
        else:
            groups[query.document] = [query]
            out.append((query.document, groups[query.document]))
    return out


def read_factchecks(lines: Iterable[str]) -> list[FactCheckText]:
    out = []
    for number, record in _records(lines, required=("id", "claim")):
        out.append(
            FactCheckText(
                str(record["id"]),
                str(record["claim"]),
                _optional_text(record, "title", number),
                iso_date(record.get("date")),
                claimant=_optional_text(record, "speaker", number) or _optional_text(record, "claimant", number),
            )
        )
    return out


def _optional_text(record: dict[str, object], key: str, number: int) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ClaimMatchingError(number, f'"{key}" must be a string, got {type(value).__name__}')
    return value


def read_qrels(lines: Iterable[str]) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = {}
    for number, line in enumerate(lines, start=1):
        parts = line.split("\t") if "\t" in line else line.split()
        parts = [p.strip() for p in parts if p.strip()]
        if not parts:
            continue
        if len(parts) == 2:
            relevant.setdefault(parts[0], set()).add(parts[1])
        elif len(parts) >= 4:
            try:
                grade = float(parts[3])
            except ValueError as exc:
                raise ClaimMatchingError(number, f"relevance {parts[3]!r} is not a number") from exc
            if grade > 0:
                relevant.setdefault(parts[0], set()).add(parts[2])
        else:
            raise ClaimMatchingError(number, "expected query_id<TAB>factcheck_id")
    return relevant
