"""Importing W3C / Hypothesis annotations onto an article: re-anchor, resolve, store via annotation_create.

Bounded per request (issue 15): at most W3C_IMPORT_MAX_ITEMS annotations (more is a 400), and a
document of more than W3C_IMPORT_SYNC_MAX_ITEMS runs as a Celery job with progress
(``article_import_request`` answers with the job, ``POST`` answers 202 and the job's URL).
Anchoring itself is bounded in ``credibility.formats.w3c`` (context slices, occurrence caps).
Import jobs live in the cache (Redis in production), not in a table: they are short-lived, and
their result is the annotations they stored.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from annotations.models import AnchorState, Annotation, AnnotationKind, Article, Origin, ReviewLog
from annotations.services.annotations import annotation_create, annotation_update
from annotations.services.reviews import DECISION_TARGETS, TRANSITIONS, annotation_assign, annotation_review
from credibility.formats.w3c import ImportItem, iter_anchored, parse_annotations
from credibility.models import FactCheck
from credibility.selectors import source_ids_involved
from credibility.services.scoring import source_scores_recompute_on_commit
from credibility.services.sources import source_find


@dataclass(slots=True)
class ImportResult:
    """Every posted annotation lands in exactly one of created, merged, unchanged or refused."""

    article: int
    created: list[dict[str, Any]] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "created": self.created,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "warnings": self.warnings,
        }


def _resolve(item: ImportItem, *, article: Article, warn: Any) -> dict[str, Any]:
    """Source and evidence as this deployment's rows; what cannot be found becomes a warning."""
    values: dict[str, Any] = {}
    if item.source and item.source.get("name"):
        # Names are the natural key; ids belong to whichever deployment exported the file.
        values["source"] = source_find(name=str(item.source["name"]))
        if values["source"] is None:
            warn(f"source {item.source['name']!r} is not known here; stored without a source")
    evidence = item.evidence or {}
    if evidence.get("identifier") or evidence.get("url"):
        factcheck = None
        if evidence.get("identifier"):
            factcheck = FactCheck.objects.filter(identifier=evidence["identifier"]).first()
        if factcheck is None and evidence.get("url"):
            factcheck = FactCheck.objects.filter(url=evidence["url"]).first()
        values["evidence_factcheck"] = factcheck
        if factcheck is None:
            warn("the evidence fact-check is not in the registry; stored without evidence")
    elif evidence.get("annotation") is not None:
        other = Annotation.objects.filter(pk=evidence["annotation"]).exclude(article=article).first()
        if other is not None and other.quote == evidence.get("quote", other.quote):
            values["evidence_annotation"] = other
        else:
            warn("the evidence annotation is not here; stored without evidence")
    return {key: value for key, value in values.items() if value is not None}


DECISION_FOR_STATUS = {status: decision for decision, status in DECISION_TARGETS.items()}


def _max_items() -> int:
    return int(settings.W3C_IMPORT_MAX_ITEMS)


def _sync_max_items() -> int:
    return int(settings.W3C_IMPORT_SYNC_MAX_ITEMS)


def article_annotations_import(
    *, article: Article, document: Any, imported_by: Any, offset_unit: str | None = None
) -> ImportResult:
    """Import every annotation of ``document`` onto ``article``: create, merge or refuse each one.

    An annotation re-anchored on the same kind and span as one already here (not orphaned) is
    merged into it; otherwise it is created (``annotation_create``, keeping a machine finding's
    provenance). Either way its review status, review note and assignee are then applied through
    the review service, as the API would (``annotation_review``, ``annotation_update``,
    ``annotation_assign``): the importer's rights and the review state machine decide, and what
    they refuse is listed with the reason. Un-anchorable and invalid annotations are refused.
    Raises ``ImportFormatError`` when the document holds no readable annotations at all, and
    ValidationError past W3C_IMPORT_MAX_ITEMS annotations.
    """
    return _items_import(
        article=article, items=_checked_items(document, offset_unit=offset_unit), imported_by=imported_by
    )


@transaction.atomic
def _items_import(*, article: Article, items: list[ImportItem], imported_by: Any) -> ImportResult:
    result = ImportResult(article=article.pk)
    touched = _import_items(article=article, items=items, imported_by=imported_by, result=result)
    # New attributions and reviewed flags are evidence about their sources.
    source_scores_recompute_on_commit(source_ids=touched)
    return result


def _checked_items(document: Any, *, offset_unit: str | None = None) -> list[ImportItem]:
    items = parse_annotations(document, offset_unit=offset_unit)
    if len(items) > _max_items():
        raise ValidationError(
            {
                "detail": f"The document has {len(items)} annotations; at most {_max_items()} may be imported at once "
                "(W3C_IMPORT_MAX_ITEMS). Split it."
            }
        )
    return items


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in exc.message_dict.items())
        return " ".join(exc.messages)
    return str(exc)


class _Outcome:
    """What happened to one item's fields: applied ones by name, refused ones with their reason."""

    def __init__(self) -> None:
        self.applied: list[str] = []
        self.refused: list[dict[str, str]] = []

    def attempt(self, name: str, write: Any) -> Any:
        """Run one write in a savepoint: a refusal undoes only that write."""
        try:
            with transaction.atomic():
                value = write()
        except (ValidationError, PermissionDenied) as exc:
            self.refused.append({"field": name, "reason": _reason(exc)})
            return None
        if name not in self.applied:
            self.applied.append(name)
        return value


def _review_path(from_status: str, to_status: str) -> list[str] | None:
    """The shortest chain of allowed transitions (the review state machine) from one status to another."""
    paths: dict[str, list[str]] = {from_status: []}
    queue = [from_status]
    while queue:
        status = queue.pop(0)
        if status == to_status:
            return paths[status]
        for following in sorted(TRANSITIONS.get(status, ())):
            if following not in paths:
                paths[following] = [*paths[status], following]
                queue.append(following)
    return None


def _review_steps(annotation: Annotation, item: ImportItem) -> list[tuple[str, str]] | None:
    """The decisions (to_status, note) that bring ``annotation`` to the item's status, or None if none can.

    The item's own review history is replayed when it continues from the annotation's status
    (from its start when the annotation was never reviewed, so a copy gets the whole history);
    otherwise the shortest allowed path is taken, its last step carrying the item's review note.
    """
    assert item.status is not None
    history = item.review_history or []
    current = annotation.status
    never_reviewed = not ReviewLog.objects.filter(annotation=annotation).exists()
    starts = [i for i, step in enumerate(history) if step.get("from_status") == current]
    if starts and history and history[-1].get("to_status") == item.status:
        start = 0 if never_reviewed and starts[0] == 0 else starts[-1]
        chain = history[start:]
        if all(a.get("to_status") == b.get("from_status") for a, b in itertools.pairwise(chain)):
            return [(str(step["to_status"]), _text(step.get("note"))) for step in chain]
    if item.status == current:
        return []
    path = _review_path(current, item.status)
    if path is None:
        return None
    note = item.review_note or ""
    return [(status, note if n == len(path) - 1 else "") for n, status in enumerate(path)]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _apply_review(annotation: Annotation, item: ImportItem, *, user: Any, outcome: _Outcome) -> Annotation:
    """Status (through the review state machine), review note and assignee, as the API would set them."""
    if item.status is not None and item.status != annotation.status:
        steps = _review_steps(annotation, item)
        if steps is None:
            outcome.refused.append(
                {"field": "status", "reason": f"no allowed review path from {annotation.status} to {item.status}"}
            )
        for to_status, note in steps or []:
            decided = outcome.attempt(
                "status",
                lambda a=annotation, t=to_status, n=note: annotation_review(
                    annotation=a, decision=DECISION_FOR_STATUS[t], note=n, reviewer=user
                ),
            )
            if decided is None:
                break
            annotation = decided
    if item.review_note is not None and item.review_note != annotation.review_note:
        if item.status is None or item.status == annotation.status:
            updated = outcome.attempt(
                "review_note",
                lambda a=annotation: annotation_update(annotation=a, changed_by=user, review_note=item.review_note),
            )
            annotation = updated or annotation
    if item.assignee is not None:
        assignee = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: item.assignee}).first()
        if assignee is None:
            outcome.refused.append({"field": "assignee", "reason": f"no user {item.assignee!r} here"})
        elif assignee.pk != annotation.assignee_id:
            assigned = outcome.attempt(
                "assignee",
                lambda a=annotation: annotation_assign(annotation=a, assignee=assignee, assigned_by=user),
            )
            annotation = assigned or annotation
    return annotation


def _content_changes(
    annotation: Annotation, item: ImportItem, values: dict[str, Any], *, second: bool = False
) -> dict[str, Any]:
    """The content an item says differently from ``annotation``: a foreign comment, or a second item's
    on a span this document already updated (``second``), is added, never replaces."""
    changes: dict[str, Any] = {}
    if item.comment and item.comment != annotation.comment:
        adds = not item.ours or second
        if not adds or not annotation.comment:
            changes["comment"] = item.comment
        elif item.comment not in annotation.comment:
            changes["comment"] = f"{annotation.comment}\n\n{item.comment}"
    if item.kind == AnnotationKind.TYPO and item.suggestion is not None and item.suggestion != annotation.suggestion:
        changes["suggestion"] = item.suggestion
    if item.ours and item.kind == AnnotationKind.UNVERIFIED_CLAIM and item.reason != annotation.reason:
        changes["reason"] = item.reason
    for name in ("source", "evidence_factcheck", "evidence_annotation"):
        if name in values and getattr(annotation, f"{name}_id") != values[name].pk:
            changes[name] = values[name]
    return changes


def _match(
    existing: dict[tuple[str, int, int], list[Annotation]], item: ImportItem, start: int, end: int, claimed: set[int]
) -> Annotation | None:
    """The annotation of the same kind and span that ``item`` updates, or None (a new one is created).

    A span holds one annotation of a kind (a duplicate is refused, as in the API), so an item
    always merges into the one here. It prefers one this document has not updated yet (two items
    of one file then stay two annotations where the article has two, machine and person), then,
    for an item of our own export, one of its origin, then a person's.
    """
    candidates = existing.get((item.kind, start, end), [])
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda a: (
            a.pk in claimed,
            item.ours and a.origin != item.origin,
            a.origin != Origin.EDITOR,
            a.comment != item.comment,
            a.pk,
        ),
    )


def _import_items(
    *,
    article: Article,
    items: Sequence[ImportItem],
    imported_by: Any,
    result: ImportResult,
    claimed: set[int] | None = None,
) -> set[int]:
    """Import ``items``; ``claimed`` (annotations already updated by this document) spans a job's chunks."""
    existing: dict[tuple[str, int, int], list[Annotation]] = {}
    for annotation in Annotation.objects.filter(article=article).exclude(anchor_state=AnchorState.ORPHANED):
        existing.setdefault((annotation.kind, annotation.start, annotation.end), []).append(annotation)
    touched: set[int] = set()
    claimed = set() if claimed is None else claimed
    for item, where in iter_anchored(article.body, items):
        ref: dict[str, Any] = {"index": item.index, "id": item.external_id}
        if not where.anchored:
            result.refused.append(
                {
                    **ref,
                    "code": "unanchored",
                    "reason": where.problem,
                    "quote": item.exact,
                    "position": item.position,
                    "unmapped": item.unmapped,
                }
            )
            continue
        assert where.start is not None and where.end is not None

        def warn(message: str, ref: dict[str, Any] = ref) -> None:
            result.warnings.append({**ref, "warning": message})

        values = _resolve(item, article=article, warn=warn)
        outcome = _Outcome()
        match = _match(existing, item, where.start, where.end, claimed)
        created = match is None
        if match is None:
            try:
                with transaction.atomic():
                    annotation = annotation_create(
                        article=article,
                        kind=item.kind,
                        start=where.start,
                        end=where.end,
                        comment=item.comment,
                        suggestion=item.suggestion if item.kind == AnnotationKind.TYPO else None,
                        reason=item.reason if item.kind == AnnotationKind.UNVERIFIED_CLAIM else "",
                        created_by=imported_by,
                        origin=item.origin,
                        detector=item.detector,
                        rule=item.rule,
                        explanation=item.explanation,
                        confidence=item.confidence,
                        checkworthiness=item.checkworthiness,
                        **values,
                    )
            except (ValidationError, PermissionDenied) as exc:
                errors = exc.message_dict if isinstance(exc, ValidationError) and hasattr(exc, "error_dict") else None
                result.refused.append(
                    {**ref, "code": "invalid", "reason": _reason(exc), "errors": errors, "unmapped": item.unmapped}
                )
                continue
            existing.setdefault((annotation.kind, annotation.start, annotation.end), []).append(annotation)
            importer = imported_by.get_username() if getattr(imported_by, "is_authenticated", False) else ""
            if item.creator and item.creator != importer:
                # Authorship is the importer's: an import never writes in someone else's name.
                item.unmapped.append(f"creator: {item.creator[:150]} made it there; here it is {importer}'s")
        else:
            annotation = match
            changes = _content_changes(annotation, item, values, second=annotation.pk in claimed)
            if changes:
                updated = outcome.attempt(
                    ",".join(sorted(changes)),
                    lambda a=annotation, c=changes: annotation_update(annotation=a, changed_by=imported_by, **c),
                )
                annotation = updated or annotation
            if (
                item.ours
                and annotation.origin == Origin.MACHINE
                and (item.detector, item.confidence)
                != (
                    annotation.detector,
                    annotation.confidence,
                )
            ):
                warn(
                    f"kept this deployment's finding ({annotation.detector}, confidence {annotation.confidence}); "
                    f"the file's was {item.detector or 'none'}, confidence {item.confidence}"
                )
        claimed.add(annotation.pk)
        annotation = _apply_review(annotation, item, user=imported_by, outcome=outcome)
        touched |= source_ids_involved(annotation=annotation)
        entry = {
            **ref,
            "annotation": annotation.pk,
            "kind": annotation.kind,
            "start": annotation.start,
            "end": annotation.end,
            "anchored_by": where.method,
            "applied": outcome.applied,
            "refused": outcome.refused,
            "unmapped": item.unmapped,
        }
        if created:
            result.created.append(entry)
        elif outcome.applied:
            result.merged.append(entry)
        elif outcome.refused:
            reasons = "; ".join(f"{r['field']}: {r['reason']}" for r in outcome.refused)
            result.refused.append({**entry, "code": "not_permitted", "reason": f"nothing could be merged ({reasons})"})
        else:
            result.unchanged.append(entry)
    return touched


# --- import jobs (large documents) -----------------------------------------------------------------

IMPORT_JOB_SECONDS = 24 * 3600  # how long a job and its result stay readable
IMPORT_JOB_CHUNK = 50  # annotations stored per transaction; progress is updated after each


def _job_key(job_id: str) -> str:
    return f"w3c-import-job:{job_id}"


def _document_key(job_id: str) -> str:
    return f"w3c-import-document:{job_id}"


@dataclass(frozen=True, slots=True)
class ImportRequestOutcome:
    """What ``POST /articles/{id}/import/`` answers: the result (200), or a job (202)."""

    result: ImportResult | None = None
    job: dict[str, Any] | None = None


def article_import_request(
    *, article: Article, document: Any, imported_by: Any, offset_unit: str | None = None
) -> ImportRequestOutcome:
    """Import a small document now; queue a larger one as a job (its result appears in the job)."""
    items = _checked_items(document, offset_unit=offset_unit)
    if len(items) <= _sync_max_items():
        # Parsed once: the items already checked are imported as they are.
        return ImportRequestOutcome(result=_items_import(article=article, items=items, imported_by=imported_by))
    job_id = uuid.uuid4().hex
    job = {
        "id": job_id,
        "article": article.pk,
        "state": "pending",
        "total": len(items),
        "done": 0,
        "progress": 0.0,
        "result": None,
        "error": "",
        "created_at": timezone.now().isoformat(),
        "finished_at": None,
        "requested_by": imported_by.pk if getattr(imported_by, "is_authenticated", False) else None,
        "offset_unit": offset_unit,
    }
    cache.set(_document_key(job_id), document, IMPORT_JOB_SECONDS)
    cache.set(_job_key(job_id), job, IMPORT_JOB_SECONDS)
    transaction.on_commit(lambda: _import_job_enqueue(job_id=job_id))
    return ImportRequestOutcome(job=job)


def _import_job_enqueue(*, job_id: str) -> None:
    from credibility.tasks import article_import_job_run_task

    try:
        article_import_job_run_task.delay(job_id)
    except Exception as exc:  # noqa: BLE001 - a broker outage fails the job visibly
        if article_import_job_run_task.app.conf.task_always_eager:
            raise
        article_import_job_fail(job_id=job_id, error=f"could not be queued: {exc}")


def article_import_job_get(*, job_id: str) -> dict[str, Any] | None:
    if not re.fullmatch(r"[0-9a-f]{32}", job_id):
        return None
    job = cache.get(_job_key(job_id))
    return job if isinstance(job, dict) else None


def _job_save(job: dict[str, Any]) -> None:
    cache.set(_job_key(job["id"]), job, IMPORT_JOB_SECONDS)


def article_import_job_fail(*, job_id: str, error: str) -> None:
    job = article_import_job_get(job_id=job_id)
    if job is not None and job["state"] != "done":
        job.update(state="failed", error=error[:5000], finished_at=timezone.now().isoformat())
        _job_save(job)


def article_import_job_execute(*, job_id: str) -> dict[str, Any] | None:
    """Run an import job: IMPORT_JOB_CHUNK annotations per transaction, progress after each chunk.

    A job already finished (or gone from the cache) is left alone; a rerun of an interrupted job
    finds what the first run stored and lists it as unchanged.
    """
    job = article_import_job_get(job_id=job_id)
    document = cache.get(_document_key(job_id))
    if job is None or job["state"] in ("done", "failed"):
        return job
    if document is None:
        article_import_job_fail(job_id=job_id, error="the posted document expired before the job ran")
        return article_import_job_get(job_id=job_id)
    article = Article.objects.filter(pk=job["article"]).first()
    if article is None:
        article_import_job_fail(job_id=job_id, error="the article was deleted")
        return article_import_job_get(job_id=job_id)
    imported_by = get_user_model().objects.filter(pk=job["requested_by"]).first() if job["requested_by"] else None
    items = _checked_items(document, offset_unit=job.get("offset_unit"))
    job.update(state="running", total=len(items), done=0)
    _job_save(job)
    result = ImportResult(article=article.pk)
    touched: set[int] = set()
    claimed: set[int] = set()
    for offset in range(0, len(items), IMPORT_JOB_CHUNK):
        with transaction.atomic():
            # Re-read per chunk: the body may have been edited since (anchoring follows the current one).
            article = Article.objects.get(pk=article.pk)
            touched |= _import_items(
                article=article,
                items=items[offset : offset + IMPORT_JOB_CHUNK],
                imported_by=imported_by,
                result=result,
                claimed=claimed,
            )
        job.update(done=min(len(items), offset + IMPORT_JOB_CHUNK))
        job["progress"] = round(job["done"] / job["total"], 4) if job["total"] else 1.0
        _job_save(job)
    source_scores_recompute_on_commit(source_ids=touched)
    job.update(state="done", result=result.as_dict(), progress=1.0, finished_at=timezone.now().isoformat())
    _job_save(job)
    cache.delete(_document_key(job_id))
    return job
