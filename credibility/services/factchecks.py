"""Writes for the fact-check registry. Imports are idempotent on identifier or url."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from credibility.claimreview import ParsedFactCheck, RecordError, normalize_label, parse_claim_review, verdict_from_rating
from credibility.models import FactCheck, Verdict

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


FACTCHECK_EDITABLE_FIELDS = frozenset(
    {
        "identifier", "url", "claim_reviewed", "claimant", "claim_date", "publisher", "review_date",
        "rating_label", "rating_value", "best_rating", "worst_rating", "verdict", "language",
    }
)
_RATING_FIELDS = frozenset({"rating_label", "rating_value", "best_rating", "worst_rating"})


def factcheck_verdict_derive(
    *, rating_label: str, rating_value: float | None, best_rating: float | None, worst_rating: float | None
) -> str:
    """The verdict an import would give these ratings: the label first, then the numeric position."""
    verdict = normalize_label(rating_label) if rating_label else None
    if verdict is None and rating_value is not None:
        verdict = verdict_from_rating(
            rating_value, best_rating if best_rating is not None else 5.0, worst_rating if worst_rating is not None else 1.0
        )
    return verdict or Verdict.UNPROVEN


def _validate_factcheck(factcheck: FactCheck) -> None:
    errors: dict[str, str] = {}
    if not (factcheck.claim_reviewed or "").strip():
        errors["claim_reviewed"] = "claim_reviewed may not be empty."
    if not factcheck.identifier and not factcheck.url:
        errors["identifier"] = "A fact-check needs an identifier or a url."
    if factcheck.verdict not in Verdict.values:
        errors["verdict"] = f"Unknown verdict {factcheck.verdict!r}; expected one of {', '.join(Verdict.values)}."
    for field_name in ("identifier", "url"):
        value = getattr(factcheck, field_name)
        if value:
            clash = FactCheck.objects.filter(**{field_name: value}).exclude(pk=factcheck.pk).values_list("pk", flat=True).first()
            if clash is not None:
                errors[field_name] = f"Fact-check {clash} already has this {field_name}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def factcheck_create(**values: Any) -> FactCheck:
    """Record one fact-check entered by hand. Without a verdict, it is derived from the rating."""
    unknown = set(values) - FACTCHECK_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "Unknown field." for name in sorted(unknown)})
    values["identifier"] = values.get("identifier") or None
    values["url"] = values.get("url") or None
    if not values.get("verdict"):
        values["verdict"] = factcheck_verdict_derive(
            rating_label=values.get("rating_label") or "",
            rating_value=values.get("rating_value"),
            best_rating=values.get("best_rating"),
            worst_rating=values.get("worst_rating"),
        )
    factcheck = FactCheck(**values)
    _validate_factcheck(factcheck)
    factcheck.save()
    return factcheck


@transaction.atomic
def factcheck_update(*, factcheck: FactCheck, **changes: Any) -> FactCheck:
    """Edit a fact-check. Changing its rating without naming a verdict re-derives the verdict."""
    unknown = set(changes) - FACTCHECK_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    factcheck = FactCheck.objects.select_for_update().get(pk=factcheck.pk)
    for name in ("identifier", "url"):
        if name in changes:
            changes[name] = changes[name] or None
    for name, value in changes.items():
        setattr(factcheck, name, value)
    if not changes.get("verdict") and _RATING_FIELDS & set(changes):
        factcheck.verdict = factcheck_verdict_derive(
            rating_label=factcheck.rating_label,
            rating_value=factcheck.rating_value,
            best_rating=factcheck.best_rating,
            worst_rating=factcheck.worst_rating,
        )
    _validate_factcheck(factcheck)
    factcheck.save()
    return factcheck


@transaction.atomic
def factcheck_delete(*, factcheck: FactCheck) -> None:
    """Delete a fact-check; annotations citing it as evidence keep existing without it."""
    factcheck.delete()
