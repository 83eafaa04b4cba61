"""Importing W3C / Hypothesis annotations onto an article: re-anchor, resolve, store via annotation_create.

Bounded per request (issue 15): at most W3C_IMPORT_MAX_ITEMS annotations (more is a 400), and a
document of more than W3C_IMPORT_SYNC_MAX_ITEMS runs as a Celery job with progress
(``article_import_request`` answers with the job, ``POST`` answers 202 and the job's URL).
Anchoring itself is bounded in ``credibility.formats.w3c`` (context slices, occurrence caps).
Import jobs live in the cache (Redis in production), not in a table: they are short-lived, and
their result is the annotations they stored.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from annotations import policies
from annotations.models import Annotation, AnnotationKind, Article, ReviewStatus
from annotations.services.annotations import annotation_create
from credibility.formats.w3c import ImportItem, iter_anchored, parse_annotations
from credibility.models import FactCheck
from credibility.selectors import source_ids_involved
from credibility.services.scoring import source_scores_recompute_on_commit
from credibility.services.sources import source_find


@dataclass(slots=True)
class ImportResult:
    article: int
    created: list[dict[str, Any]] = field(default_factory=list)
    unanchored: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "created": self.created,
            "unanchored": self.unanchored,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "warnings": self.warnings,
        }


def _resolve(item: ImportItem, *, article: Article, warn: Any) -> dict[str, Any]:
    """Source, evidence and status for ``annotation_create``; what cannot be honoured becomes a warning."""
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
    return values


def _max_items() -> int:
    return int(settings.W3C_IMPORT_MAX_ITEMS)


def _sync_max_items() -> int:
    return int(settings.W3C_IMPORT_SYNC_MAX_ITEMS)


def article_annotations_import(*, article: Article, document: Any, imported_by: Any) -> ImportResult:
    """Store every annotation of ``document`` that re-anchors on ``article``'s current body.

    Un-anchorable, invalid and duplicate (same kind and span already on the article) annotations
    are listed and not stored; the rest go through ``annotation_create`` as editor annotations.
    A review status is kept only when the importer may review, and is then recorded as their
    decision (reviewer, date and a review-log row saying it came from this import); otherwise
    they arrive open.
    Raises ``ImportFormatError`` when the document holds no readable annotations at all, and
    ValidationError past W3C_IMPORT_MAX_ITEMS annotations.
    """
    return _items_import(article=article, items=_checked_items(document), imported_by=imported_by)


@transaction.atomic
def _items_import(*, article: Article, items: list[ImportItem], imported_by: Any) -> ImportResult:
    result = ImportResult(article=article.pk)
    existing = set(Annotation.objects.filter(article=article).values_list("kind", "start", "end"))
    touched = _import_items(article=article, items=items, imported_by=imported_by, result=result, existing=existing)
    # New attributions and reviewed flags are evidence about their sources.
    source_scores_recompute_on_commit(source_ids=touched)
    return result


def _checked_items(document: Any) -> list[ImportItem]:
    items = parse_annotations(document)
    if len(items) > _max_items():
        raise ValidationError(
            {
                "detail": f"The document has {len(items)} annotations; at most {_max_items()} may be imported at once "
                "(W3C_IMPORT_MAX_ITEMS). Split it."
            }
        )
    return items


def _import_items(
    *,
    article: Article,
    items: Sequence[ImportItem],
    imported_by: Any,
    result: ImportResult,
    existing: set[tuple[str, int, int]],
) -> set[int]:
    may_review = policies.can_review_annotation(imported_by)
    touched: set[int] = set()
    for item, where in iter_anchored(article.body, items):
        ref = {"index": item.index, "id": item.external_id}
        if not where.anchored:
            result.unanchored.append({**ref, "quote": item.exact, "position": item.position, "reason": where.problem})
            continue
        assert where.start is not None and where.end is not None
        if (item.kind, where.start, where.end) in existing:
            result.duplicates.append({**ref, "start": where.start, "end": where.end})
            continue

        def warn(message: str, ref: dict[str, Any] = ref) -> None:
            result.warnings.append({**ref, "warning": message})

        values = _resolve(item, article=article, warn=warn)
        status = item.status if item.status in ReviewStatus.values else ReviewStatus.OPEN
        if status != ReviewStatus.OPEN and not may_review:
            warn(f"status {status!r} needs a reviewer; stored as open")
            status = ReviewStatus.OPEN
        try:
            with transaction.atomic():
                created = annotation_create(
                    article=article,
                    kind=item.kind,
                    start=where.start,
                    end=where.end,
                    comment=item.comment,
                    suggestion=item.suggestion if item.kind == AnnotationKind.TYPO else None,
                    reason=item.reason if item.kind == AnnotationKind.UNVERIFIED_CLAIM else "",
                    status=status,
                    created_by=imported_by,
                    decided_via=f"W3C import by {imported_by.get_username()}" if status != ReviewStatus.OPEN else "",
                    **values,
                )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            result.rejected.append({**ref, "errors": errors})
            continue
        existing.add((created.kind, created.start, created.end))
        touched |= source_ids_involved(annotation=created)
        result.created.append(
            {
                **ref,
                "annotation": created.pk,
                "start": created.start,
                "end": created.end,
                "kind": created.kind,
                "anchored_by": where.method,
            }
        )
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


def article_import_request(*, article: Article, document: Any, imported_by: Any) -> ImportRequestOutcome:
    """Import a small document now; queue a larger one as a job (its result appears in the job)."""
    items = _checked_items(document)
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
    skips what the first run stored (it is a duplicate then).
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
    items = _checked_items(document)
    job.update(state="running", total=len(items), done=0)
    _job_save(job)
    result = ImportResult(article=article.pk)
    touched: set[int] = set()
    for offset in range(0, len(items), IMPORT_JOB_CHUNK):
        with transaction.atomic():
            # Re-read per chunk: the body may have been edited since (anchoring follows the current one).
            article = Article.objects.get(pk=article.pk)
            existing = set(Annotation.objects.filter(article=article).values_list("kind", "start", "end"))
            touched |= _import_items(
                article=article,
                items=items[offset : offset + IMPORT_JOB_CHUNK],
                imported_by=imported_by,
                result=result,
                existing=existing,
            )
        job.update(done=min(len(items), offset + IMPORT_JOB_CHUNK))
        job["progress"] = round(job["done"] / job["total"], 4) if job["total"] else 1.0
        _job_save(job)
    source_scores_recompute_on_commit(source_ids=touched)
    job.update(state="done", result=result.as_dict(), progress=1.0, finished_at=timezone.now().isoformat())
    _job_save(job)
    cache.delete(_document_key(job_id))
    return job
