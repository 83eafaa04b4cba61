"""Writes for the fact-check registry. Imports are idempotent on identifier or url."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from credibility.claimreview import ParsedFactCheck, RecordError, parse_claim_review
from credibility.models import FactCheck

_STORED_FIELDS = (
    "identifier", "url", "claim_reviewed", "claimant", "claim_date", "publisher", "review_date",
    "rating_label", "rating_value", "best_rating", "worst_rating", "verdict", "raw",
)


@dataclass(slots=True)
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)  # {"position", "error"}
    unknown_labels: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "unknown_labels": self.unknown_labels,
        }


def _existing(parsed: ParsedFactCheck) -> FactCheck | None:
    if parsed.identifier:
        found = FactCheck.objects.filter(identifier=parsed.identifier).first()
        if found is not None:
            return found
    if parsed.url:
        return FactCheck.objects.filter(url=parsed.url).first()
    return None


def factcheck_upsert(*, parsed: ParsedFactCheck) -> tuple[FactCheck, str]:
    """Insert or update one record; returns the row and 'created', 'updated' or 'unchanged'."""
    values = {name: getattr(parsed, name) for name in _STORED_FIELDS}
    current = _existing(parsed)
    if current is None:
        return FactCheck.objects.create(**values), "created"
    changed = [name for name, value in values.items() if value is not None and getattr(current, name) != value]
    if not changed:
        return current, "unchanged"
    for name in changed:
        setattr(current, name, values[name])
    current.save(update_fields=[*changed, "updated_at"])
    return current, "updated"


def factcheck_import(*, records: Iterable[Any]) -> ImportSummary:
    """Import ClaimReview records. A bad record is skipped and reported; the rest still go in."""
    summary = ImportSummary()
    for position, record in enumerate(records, start=1):
        try:
            parsed = parse_claim_review(record)
            with transaction.atomic():
                _, outcome = factcheck_upsert(parsed=parsed)
        except RecordError as exc:
            summary.skipped.append({"position": position, "error": str(exc)})
            continue
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if not parsed.label_known and parsed.rating_label:
            summary.unknown_labels[parsed.rating_label] = summary.unknown_labels.get(parsed.rating_label, 0) + 1
    return summary
