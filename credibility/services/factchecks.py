"""Writes for the fact-check registry. Imports are idempotent on identifier or url."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from annotations.models import Annotation
from annotations.services.validation import text_check
from credibility.formats.claimreview import (
    CLAIM_REVIEW_FIELDS,
    ParsedFactCheck,
    normalize_label,
    own_review_annotation_id,
    rating_problem,
    read_claimreview_json,
    verdict_from_rating,
)
from credibility.formats.records import ReadDocument
from credibility.models import FactCheck, Verdict
from credibility.retrieval.factchecks import factcheck_lexicon_refresh, factcheck_terms_rebuild, term_index_maintained
from credibility.retrieval.profiles import factcheck_profiles_store
from credibility.retrieval.semantic import factcheck_embeddings_store, semantic_index_forget

logger = logging.getLogger(__name__)

_STORED_FIELDS = (*CLAIM_REVIEW_FIELDS, "verdict", "raw", "language", "own_review_article")
# Records are matched and written this many at a time: one lookup, one insert, one update each.
IMPORT_BATCH_SIZE = 2000
# The lexeme statistics are recomputed synchronously after an import this large (the periodic
# re-check refreshes them anyway); retrieval counts words the statistics lack live, so smaller
# imports are findable at once without it.
LEXICON_REFRESH_AFTER = 500
# Fact-check ids per re-check task.
RECHECK_CHUNK = 1000


@dataclass(slots=True)
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)  # {"position", "error"}
    unknown_labels: dict[str, int] = field(default_factory=dict)
    format: str = "claimreview"
    position_unit: str = "record"  # what "position" counts: "record" (1-based) or "line"
    records: int = 0
    own_reviews: int = 0  # records that are our own exported reviews coming back
    changed_ids: list[int] = field(default_factory=list)  # created or updated rows, for the re-check

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "records": self.records,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "position_unit": self.position_unit,
            "unknown_labels": self.unknown_labels,
            "own_reviews": self.own_reviews,
        }


def own_review_bases(*, extra: Iterable[str] = ()) -> list[str]:
    """Our public base URLs: ``CLAIMREVIEW_PUBLIC_BASE_URL`` and the ones a caller knows (the
    request's own host): a ClaimReview whose url lies under one of them is one of our exports."""
    return [base for base in (settings.CLAIMREVIEW_PUBLIC_BASE_URL, *extra) if base]


def _own_review_articles(items: Sequence[tuple[int, ParsedFactCheck]], bases: Sequence[str]) -> dict[str, int | None]:
    """url -> the reviewed article, for the records that are our own exported reviews (one query).

    A review of an annotation deleted since maps to None: still ours, no longer tied to an article."""
    if not bases:
        return {}
    named = {p.url: own_review_annotation_id(p.url, bases=bases) for _, p in items if p.url}
    ids = {pk for pk in named.values() if pk is not None}
    if not ids:
        return {}
    articles = dict(Annotation.objects.filter(pk__in=ids).values_list("pk", "article_id"))
    return {url: articles.get(pk) for url, pk in named.items() if pk is not None}


def _values(parsed: ParsedFactCheck, own: dict[str, int | None]) -> dict[str, Any]:
    """The row's stored values; a language the record does not give keeps the column's default."""
    values: dict[str, Any] = {name: getattr(parsed, name) for name in _STORED_FIELDS if name != "own_review_article"}
    if values["language"] is None:
        del values["language"]
    if parsed.url in own:
        values["own_review_article_id"] = own[parsed.url]
    return values


def _existing(parsed: ParsedFactCheck) -> FactCheck | None:
    if parsed.identifier:
        found = FactCheck.objects.filter(identifier=parsed.identifier).first()
        if found is not None:
            return found
    if parsed.url:
        return FactCheck.objects.filter(url=parsed.url).first()
    return None


def factcheck_upsert(*, parsed: ParsedFactCheck, own: dict[str, int | None] | None = None) -> tuple[FactCheck, str]:
    """Insert or update one record; returns the row and 'created', 'updated' or 'unchanged'.

    Empty (None) values never overwrite stored ones, so a sparser re-import loses nothing.
    """
    values = _values(parsed, own or {})
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


class _Conflict(Exception):
    pass


def _import_batch(
    items: Sequence[tuple[int, ParsedFactCheck]], summary: ImportSummary, own: dict[str, int | None]
) -> None:
    """Match a batch on identifier then url with one query, then insert and update in bulk."""
    identifiers = {p.identifier for _, p in items if p.identifier}
    urls = {p.url for _, p in items if p.url}
    stored = FactCheck.objects.filter(Q(identifier__in=identifiers) | Q(url__in=urls)).only(*_STORED_FIELDS)
    by_identifier: dict[str, FactCheck] = {}
    by_url: dict[str, FactCheck] = {}
    for row in stored:
        if row.identifier:
            by_identifier[row.identifier] = row
        if row.url:
            by_url[row.url] = row
    new: list[FactCheck] = []
    dirty: dict[int, FactCheck] = {}
    dirty_fields: set[str] = set()
    for position, parsed in items:
        values = _values(parsed, own)
        by_id = by_identifier.get(parsed.identifier) if parsed.identifier else None
        by_link = by_url.get(parsed.url) if parsed.url else None
        if by_id is not None and by_link is not None and by_id is not by_link:
            summary.skipped.append(
                {
                    "position": position,
                    "error": f"identifier {parsed.identifier!r} and url {parsed.url!r} belong to two different fact-checks",
                }
            )
            continue
        target = by_id or by_link
        if target is None:
            target = FactCheck(**values)
            new.append(target)
            summary.created += 1
        else:
            changed = [name for name, value in values.items() if value is not None and getattr(target, name) != value]
            for name in changed:
                setattr(target, name, values[name])
            if not changed:
                summary.unchanged += 1
            elif target.pk is None:  # a repeat, within this batch, of a record created in it
                summary.updated += 1
            else:
                dirty[target.pk] = target
                dirty_fields.update(changed)
                summary.updated += 1
        if target.identifier:
            by_identifier[target.identifier] = target
        if target.url:
            by_url[target.url] = target
        if not parsed.label_known and parsed.rating_label:
            summary.unknown_labels[parsed.rating_label] = summary.unknown_labels.get(parsed.rating_label, 0) + 1
    created = FactCheck.objects.bulk_create(new, batch_size=IMPORT_BATCH_SIZE)
    # Bulk writes skip the save signals the audit trail listens to: record their history here.
    FactCheck.history.bulk_history_create([row for row in created if row.pk is not None], batch_size=IMPORT_BATCH_SIZE)
    if dirty:
        now = timezone.now()
        for row in dirty.values():
            row.updated_at = now
        fields = sorted(name.removesuffix("_id") for name in dirty_fields)  # own_review_article_id is a column
        FactCheck.objects.bulk_update(list(dirty.values()), [*fields, "updated_at"], batch_size=500)
        FactCheck.history.bulk_history_create(list(dirty.values()), update=True, batch_size=500)
    summary.changed_ids.extend([row.pk for row in created if row.pk is not None] + list(dirty))


def _import_one_by_one(
    items: Sequence[tuple[int, ParsedFactCheck]], summary: ImportSummary, own: dict[str, int | None]
) -> None:
    """The slow path, for a batch that raced with a concurrent import: every record in its own savepoint."""
    for position, parsed in items:
        try:
            with transaction.atomic():
                row, outcome = factcheck_upsert(parsed=parsed, own=own)
        except IntegrityError as exc:
            summary.skipped.append(
                {"position": position, "error": f"conflicts with a stored fact-check: {exc}".strip()}
            )
            continue
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if outcome != "unchanged":
            summary.changed_ids.append(row.pk)
        if not parsed.label_known and parsed.rating_label:
            summary.unknown_labels[parsed.rating_label] = summary.unknown_labels.get(parsed.rating_label, 0) + 1


@transaction.atomic
def factcheck_import_document(
    *, document: ReadDocument, recheck: bool = True, own_base_urls: Iterable[str] = ()
) -> ImportSummary:
    """Import every readable record of a document; bad ones are skipped and reported by position.

    Idempotent: records match stored fact-checks on identifier, then url, and an identical
    re-import changes nothing. Once the import commits, the articles of the re-check window are
    re-checked against the created and updated fact-checks only (``recheck=False`` skips that).
    Our own exported reviews (url under ``own_base_urls`` or ``CLAIMREVIEW_PUBLIC_BASE_URL``) are
    stored with the article they review, and never cited as evidence against it.
    """
    bases = own_review_bases(extra=own_base_urls)
    summary = ImportSummary(format=document.format, position_unit=document.position_unit, records=len(document.records))
    batch: list[tuple[int, ParsedFactCheck]] = []

    def flush() -> None:
        if not batch:
            return
        snapshot = (
            summary.created,
            summary.updated,
            summary.unchanged,
            len(summary.skipped),
            len(summary.changed_ids),
            dict(summary.unknown_labels),
        )
        own = _own_review_articles(batch, bases)
        try:
            with transaction.atomic():
                _import_batch(batch, summary, own)
        except IntegrityError:
            summary.created, summary.updated, summary.unchanged = snapshot[:3]
            del summary.skipped[snapshot[3] :]
            del summary.changed_ids[snapshot[4] :]
            summary.unknown_labels = snapshot[5]
            _import_one_by_one(batch, summary, own)
        summary.own_reviews += len(own)
        batch.clear()

    for read in document.records:
        if read.parsed is None:
            summary.skipped.append({"position": read.position, "error": read.error or "unreadable record"})
            continue
        batch.append((read.position, read.parsed))
        if len(batch) >= IMPORT_BATCH_SIZE:
            flush()
    flush()
    summary.skipped.sort(key=lambda item: item["position"])
    changed = sorted(set(summary.changed_ids))
    summary.changed_ids = changed
    if changed:
        if term_index_maintained():
            factcheck_terms_rebuild(factcheck_ids=changed)
        factcheck_embeddings_store(factcheck_ids=changed)  # batched: EMBED_BATCH claims at a time
        factcheck_profiles_store(factcheck_ids=changed)  # batched: PROFILE_BATCH claims at a time
        if len(changed) >= LEXICON_REFRESH_AFTER:
            factcheck_lexicon_refresh()
        if recheck:
            transaction.on_commit(lambda: factcheck_recheck_enqueue(factcheck_ids=changed))
    return summary


def factcheck_import(*, records: Iterable[Any], recheck: bool = True) -> ImportSummary:
    """Import ClaimReview records (already decoded JSON). A bad record is skipped and reported."""
    return factcheck_import_document(document=read_claimreview_json(list(records)), recheck=recheck)


def factcheck_recheck_enqueue(*, factcheck_ids: Sequence[int]) -> int:
    """Hand the re-check of these fact-checks to Celery in chunks; returns the tasks sent.

    Call only after the fact-checks committed. A broker outage loses nothing: the periodic
    re-check covers every fact-check changed since its last run.
    """
    from credibility.tasks import recheck_articles_task

    sent = 0
    for start in range(0, len(factcheck_ids), RECHECK_CHUNK):
        chunk = list(factcheck_ids[start : start + RECHECK_CHUNK])
        try:
            recheck_articles_task.delay(factcheck_ids=chunk)
        except Exception:  # noqa: BLE001 - any broker failure; the periodic sweep catches up
            if recheck_articles_task.app.conf.task_always_eager:
                raise
            logger.exception(
                "Could not enqueue the re-check of %d fact-checks; the periodic re-check will.", len(chunk)
            )
            continue
        sent += 1
    return sent


FACTCHECK_EDITABLE_FIELDS = frozenset({*CLAIM_REVIEW_FIELDS, "verdict", "language"})
_RATING_FIELDS = frozenset({"rating_label", "rating_value", "best_rating", "worst_rating"})


def factcheck_verdict_derive(
    *, rating_label: str, rating_value: float | None, best_rating: float | None, worst_rating: float | None
) -> str:
    """The verdict an import would give these ratings: the label first, then the numeric position."""
    verdict = normalize_label(rating_label) if rating_label else None
    if verdict is None and rating_value is not None:
        verdict = verdict_from_rating(
            rating_value,
            best_rating if best_rating is not None else 5.0,
            worst_rating if worst_rating is not None else 1.0,
        )
    return verdict or Verdict.UNPROVEN


def _validate_factcheck(factcheck: FactCheck) -> None:
    errors: dict[str, str] = {}
    if not (factcheck.claim_reviewed or "").strip():
        errors["claim_reviewed"] = "claim_reviewed may not be empty."
    if not factcheck.identifier and not factcheck.url:
        errors["identifier"] = "A fact-check needs an identifier or a url."
    problem = rating_problem(factcheck.rating_value, factcheck.best_rating, factcheck.worst_rating)
    if problem:
        errors["rating_value"] = problem
    if factcheck.verdict not in Verdict.values:
        errors["verdict"] = f"Unknown verdict {factcheck.verdict!r}; expected one of {', '.join(Verdict.values)}."
    for field_name in ("identifier", "url"):
        value = getattr(factcheck, field_name)
        if value:
            clash = (
                FactCheck.objects.filter(**{field_name: value})
                .exclude(pk=factcheck.pk)
                .values_list("pk", flat=True)
                .first()
            )
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
    text_check(**{name: value for name, value in values.items() if isinstance(value, str)})
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
    _registry_changed(factcheck_ids=[factcheck.pk])
    return factcheck


def _registry_changed(*, factcheck_ids: list[int]) -> None:
    factcheck_indexes_sync(factcheck_ids=factcheck_ids)
    transaction.on_commit(lambda: factcheck_recheck_enqueue(factcheck_ids=factcheck_ids))


def factcheck_indexes_sync(*, factcheck_ids: list[int]) -> None:
    """Bring the retrieval structures of these just-written fact-checks in step: term rows (where the
    term path is used), claim embeddings and claim profiles. Every registry write calls it (the admin too)."""
    if term_index_maintained():
        factcheck_terms_rebuild(factcheck_ids=factcheck_ids)
    factcheck_embeddings_store(factcheck_ids=factcheck_ids)
    factcheck_profiles_store(factcheck_ids=factcheck_ids)


@transaction.atomic
def factcheck_update(*, factcheck: FactCheck, **changes: Any) -> FactCheck:
    """Edit a fact-check. Changing its rating without naming a verdict re-derives the verdict."""
    unknown = set(changes) - FACTCHECK_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    text_check(**{name: value for name, value in changes.items() if isinstance(value, str)})
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
    _registry_changed(factcheck_ids=[factcheck.pk])
    return factcheck


@transaction.atomic
def factcheck_delete(*, factcheck: FactCheck) -> None:
    """Delete a fact-check; annotations citing it as evidence keep existing without it.

    Its term and embedding rows go with it (cascade); this process's semantic index drops it on
    commit, other processes at their next reconcile (retrieval never returns it meanwhile).
    """
    factcheck_delete_many(factcheck_ids=[factcheck.pk])


@transaction.atomic
def factcheck_delete_many(*, factcheck_ids: Sequence[int]) -> int:
    """Delete these fact-checks (see ``factcheck_delete``); returns how many were deleted."""
    ids = list(factcheck_ids)
    deleted = 0
    for start in range(0, len(ids), IMPORT_BATCH_SIZE):
        deleted += (
            FactCheck.objects.filter(pk__in=ids[start : start + IMPORT_BATCH_SIZE])
            .delete()[1]
            .get(FactCheck._meta.label, 0)
        )
    transaction.on_commit(lambda: semantic_index_forget(factcheck_ids=ids))
    return deleted
