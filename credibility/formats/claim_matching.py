"""The CLEF CheckThat! claim-matching files: queries, fact-checks ("vclaims") and relevance pairs.

- queries: JSON Lines of ``{"id", "text"}``;
- fact-checks: JSON Lines of ``{"id", "claim", "title", ...}`` (``title`` may be missing or null;
  ``date``, an ISO date, is used when present; other keys are ignored);
- qrels: ``query_id<TAB>factcheck_id`` lines (or TREC ``qid 0 vid rel``, rel > 0 relevant).

Readers take the file's lines and raise ``ClaimMatchingError`` naming the first bad line; ids
must be unique within a file (the benchmark's ids are unique only within one split).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from credibility.analysis.claims.ranking import FactCheckText, iso_date


class ClaimMatchingError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Query:
    id: str
    text: str


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
    return [Query(str(r["id"]), str(r["text"])) for _, r in _records(lines, required=("id", "text"))]


def read_factchecks(lines: Iterable[str]) -> list[FactCheckText]:
    out = []
    for number, record in _records(lines, required=("id", "claim")):
        title = record.get("title")
        if title is not None and not isinstance(title, str):
            raise ClaimMatchingError(number, f'"title" must be a string, got {type(title).__name__}')
        out.append(FactCheckText(str(record["id"]), str(record["claim"]), title or "", iso_date(record.get("date"))))
    return out


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
