"""Machine annotations: the detectors' findings written idempotently (a re-run of a detector version replaces its own open annotations and never touches human or reviewed ones), and the evidence anchors contradictions cite."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from annotations.models import AnchorState, Annotation, Article, Origin, ReviewStatus
from annotations.services.annotations import span_context, span_validate


@dataclass(frozen=True, slots=True)
class MachineAnnotationSpec:
    """A detector finding in storage terms (source/evidence already resolved to model instances)."""

    kind: str
    start: int
    end: int
    detector: str
    rule: str
    confidence: float
    explanation: str = ""
    suggestion: str | None = None
    reason: str = ""
    source: Any = None
    evidence_factcheck: Any = None
    evidence_annotation: Any = None
    checkworthiness: float | None = None
    # An unnamed source ("officials"), kept as a label: machine findings never make it a Source row.
    vague_source: str = ""


@dataclass(frozen=True, slots=True)
class SyncCounts:
    created: int
    updated: int
    removed: int
    kept_reviewed: int


def _spec_fields(spec: MachineAnnotationSpec, body: str) -> dict[str, Any]:
    """The stored fields a finding sets (besides its key and context), compared on re-runs."""
    return {
        "quote": body[spec.start : spec.end],
        "rule": spec.rule[:200],
        "confidence": spec.confidence,
        "checkworthiness": spec.checkworthiness,
        "explanation": spec.explanation,
        "suggestion": spec.suggestion,
        "reason": spec.reason or "",
        "source": spec.source,
        "vague_source": spec.vague_source[:300],
        "evidence_factcheck": spec.evidence_factcheck,
        "evidence_annotation": spec.evidence_annotation,
    }


_FOREIGN_KEYS = frozenset({"source", "evidence_factcheck", "evidence_annotation"})


def _differs(annotation: Annotation, fields: dict[str, Any]) -> bool:
    for name, value in fields.items():
        if name in _FOREIGN_KEYS:
            if getattr(annotation, f"{name}_id") != (value.pk if value is not None else None):
                return True
        elif getattr(annotation, name) != value:
            return True
    return False


def _refresh(annotation: Annotation, fields: dict[str, Any], *, prefix: str, suffix: str) -> bool:
    """Write a re-found open finding's new fields and context; False (and no write) when nothing changed."""
    if not _differs(annotation, fields):
        return False
    for name, value in fields.items():
        setattr(annotation, name, value)
    annotation.prefix, annotation.suffix = prefix, suffix
    annotation.version += 1
    annotation.save()
    return True


def _new_finding(
    *, article: Article, spec: MachineAnnotationSpec, fields: dict[str, Any], prefix: str, suffix: str
) -> Annotation:
    """The unsaved open machine annotation for a finding no stored annotation matches."""
    return Annotation(
        article=article,
        kind=spec.kind,
        start=spec.start,
        end=spec.end,
        detector=spec.detector,
        origin=Origin.MACHINE,
        status=ReviewStatus.OPEN,
        prefix=prefix,
        suffix=suffix,
        **fields,
    )


def _insert_with_history(annotations: list[Annotation]) -> None:
    """Insert new findings in one query, with their history rows (bulk_create skips the history signal)."""
    Annotation.objects.bulk_create(annotations)
    Annotation.history.bulk_history_create(annotations)


def _reconcile(
    *,
    article: Article,
    wanted: Mapping[Any, MachineAnnotationSpec],
    stored: Mapping[Any, Annotation],
    keep: Callable[[MachineAnnotationSpec, dict[str, Any], Annotation | None], bool],
) -> tuple[int, int, int]:
    """Match each wanted finding with the stored annotation of the same key: left alone when ``keep``
    says so, else created or refreshed. Returns (created, updated, kept); removing is the caller's."""
    body = article.body
    created = updated = kept = 0
    to_create: list[Annotation] = []
    for key, spec in wanted.items():
        fields = _spec_fields(spec, body)
        prefix, suffix = span_context(body=body, start=spec.start, end=spec.end)
        current = stored.get(key)
        if keep(spec, fields, current):
            kept += 1
        elif current is None:
            to_create.append(_new_finding(article=article, spec=spec, fields=fields, prefix=prefix, suffix=suffix))
            created += 1
        elif _refresh(current, fields, prefix=prefix, suffix=suffix):
            updated += 1
    _insert_with_history(to_create)
    return created, updated, kept


def _quote_key(quote: str) -> str:
    return " ".join(quote.split())


def _overlaps(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """[start, end) touches one of ``ranges``; an empty range (a deletion point) touches the spans around it."""
    return any(
        start < r_end and r_start < end if r_start < r_end else start <= r_start <= end for r_start, r_end in ranges
    )


@transaction.atomic
def machine_annotations_sync(
    *,
    article: Article,
    detectors: Iterable[str],
    specs: Sequence[MachineAnnotationSpec],
    within_ranges: Sequence[tuple[int, int]] | None = None,
) -> SyncCounts:
    """Make the open machine annotations of ``detectors`` (name@version) equal ``specs``.

    With ``within_ranges`` (code-point ranges of the current body, e.g. the sentences an edit
    changed) only annotations and specs overlapping them take part: everything else carries
    over as re-anchoring left it, reviewed or not. Orphans never take part (their offsets
    belong to an older body), except that open machine orphans of ``detectors`` are removed on
    a full sync or an incremental one: the fresh analysis of the changed text supersedes them.

    Idempotent, so a redelivered task changes nothing. Editor annotations, reviewed machine
    annotations and other detector versions are never touched; a finding that lands on a span
    already reviewed keeps the reviewer's decision. A finding whose kind, quote and detector name
    match a dismissed machine annotation of the article is not raised again, wherever the sentence
    moved and whichever version of the detector found it: reviewers dismiss a statement, not offsets.
    """
    detectors = list(detectors)
    body = article.body
    dismissed = {
        (kind, _quote_key(quote), detector.partition("@")[0])
        for kind, quote, detector in Annotation.objects.filter(
            article=article, origin=Origin.MACHINE, status=ReviewStatus.DISMISSED
        ).values_list("kind", "quote", "detector")
    }
    existing = {
        (a.kind, a.start, a.end, a.detector): a
        for a in Annotation.objects.select_for_update()
        .filter(article=article, origin=Origin.MACHINE, detector__in=detectors)
        .exclude(anchor_state=AnchorState.ORPHANED)
        if within_ranges is None or _overlaps(a.start, a.end, within_ranges)
    }
    wanted: dict[tuple[str, int, int, str], MachineAnnotationSpec] = {}
    for spec in specs:
        if spec.detector not in detectors:
            raise ValueError(f"Finding from {spec.detector} outside the synced detectors {detectors}.")
        span_validate(body=body, start=spec.start, end=spec.end, quote=None)
        if within_ranges is not None and not _overlaps(spec.start, spec.end, within_ranges):
            continue
        wanted.setdefault((spec.kind, spec.start, spec.end, spec.detector), spec)

    def keep(spec: MachineAnnotationSpec, fields: dict[str, Any], current: Annotation | None) -> bool:
        if current is None:  # not raised again when reviewers dismissed the statement
            return (spec.kind, _quote_key(fields["quote"]), spec.detector.partition("@")[0]) in dismissed
        return current.status != ReviewStatus.OPEN

    created, updated, kept = _reconcile(article=article, wanted=wanted, stored=existing, keep=keep)
    stale = [a.pk for key, a in existing.items() if key not in wanted and a.status == ReviewStatus.OPEN]
    stale += list(
        Annotation.objects.filter(
            article=article,
            origin=Origin.MACHINE,
            detector__in=detectors,
            anchor_state=AnchorState.ORPHANED,
            status=ReviewStatus.OPEN,
        ).values_list("pk", flat=True)
    )
    Annotation.objects.filter(pk__in=stale).delete()
    return SyncCounts(created=created, updated=updated, removed=len(stale), kept_reviewed=kept)


@transaction.atomic
def machine_annotations_sync_evidence(
    *, article: Article, detector: str, specs: Sequence[MachineAnnotationSpec], evidence_factcheck_ids: Iterable[int]
) -> SyncCounts:
    """Make the open ``detector`` annotations citing ``evidence_factcheck_ids`` equal ``specs``.

    The narrow counterpart of ``machine_annotations_sync`` for re-checking an article against a
    few fact-checks: annotations of the same detector citing other evidence are left alone, and
    a span already annotated by the detector with other evidence keeps that annotation (a full
    analysis decides between them). Reviewed annotations are never touched. Idempotent.
    """
    ids = set(evidence_factcheck_ids)
    body = article.body
    current = {
        (a.kind, a.start, a.end): a
        for a in Annotation.objects.select_for_update()
        .filter(article=article, origin=Origin.MACHINE, detector=detector)
        .exclude(anchor_state=AnchorState.ORPHANED)
    }
    wanted: dict[tuple[str, int, int], MachineAnnotationSpec] = {}
    for spec in specs:
        if spec.detector != detector:
            raise ValueError(f"Finding from {spec.detector} outside the synced detector {detector}.")
        if spec.evidence_factcheck is None or spec.evidence_factcheck.pk not in ids:
            raise ValueError("Every spec must cite one of the re-checked fact-checks.")
        span_validate(body=body, start=spec.start, end=spec.end, quote=None)
        wanted.setdefault((spec.kind, spec.start, spec.end), spec)

    def keep(spec: MachineAnnotationSpec, fields: dict[str, Any], existing: Annotation | None) -> bool:
        return existing is not None and (
            existing.status != ReviewStatus.OPEN or existing.evidence_factcheck_id not in ids
        )

    created, updated, kept = _reconcile(article=article, wanted=wanted, stored=current, keep=keep)
    stale = [
        a.pk
        for key, a in current.items()
        if key not in wanted and a.status == ReviewStatus.OPEN and a.evidence_factcheck_id in ids
    ]
    Annotation.objects.filter(pk__in=stale).delete()
    return SyncCounts(created=created, updated=updated, removed=len(stale), kept_reviewed=kept)


@transaction.atomic
def machine_annotation_anchor(
    *, article_id: int, start: int, end: int, detector: str, comment: str
) -> Annotation | None:
    """A machine ``note`` over ``[start, end)`` of an article, so another annotation can cite that span.

    Returns the existing one when the span is already anchored; None when the article is gone
    or its body no longer has that span. Its detector never takes part in a pipeline sync, so
    re-analysing the article keeps it.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not (0 <= start < end <= len(article.body)):
        return None
    prefix, suffix = span_context(body=article.body, start=start, end=end)
    # get_or_create: two workers citing the same span at once both end up with the one note
    # (the loser's insert fails on the unique machine-span constraint and reads the winner's).
    # Orphaned notes are outside the constraint (their offsets are stale): never reuse one.
    anchor, _ = Annotation.objects.get_or_create(
        article=article,
        kind="note",
        start=start,
        end=end,
        detector=detector,
        origin=Origin.MACHINE,
        anchor_state__in=[AnchorState.ANCHORED, AnchorState.MOVED],
        defaults={
            "quote": article.body[start:end],
            "prefix": prefix,
            "suffix": suffix,
            "comment": comment,
            "status": ReviewStatus.OPEN,
            "rule": "cited-as-evidence",
            "confidence": 1.0,
        },
    )
    return anchor
