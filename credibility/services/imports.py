"""Importing W3C / Hypothesis annotations onto an article: re-anchor, resolve, store via annotation_create."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

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
            "article": self.article, "created": self.created, "unanchored": self.unanchored,
            "rejected": self.rejected, "duplicates": self.duplicates, "warnings": self.warnings,
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


@transaction.atomic
def article_annotations_import(*, article: Article, document: Any, imported_by: Any) -> ImportResult:
    """Store every annotation of ``document`` that re-anchors on ``article``'s current body.

    Un-anchorable, invalid and duplicate (same kind and span already on the article) annotations
    are listed and not stored; the rest go through ``annotation_create`` as editor annotations.
    A review status is kept only when the importer may review, and is then recorded as their
    decision (reviewer, date and a review-log row saying it came from this import); otherwise
    they arrive open.
    Raises ``ImportFormatError`` when the document holds no readable annotations at all.
    """
    result = ImportResult(article=article.pk)
    may_review = policies.can_review_annotation(imported_by)
    touched: set[int] = set()
    existing = set(Annotation.objects.filter(article=article).values_list("kind", "start", "end"))
    for item, where in iter_anchored(article.body, parse_annotations(document)):
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
                    article=article, kind=item.kind, start=where.start, end=where.end,
                    comment=item.comment, suggestion=item.suggestion if item.kind == AnnotationKind.TYPO else None,
                    reason=item.reason if item.kind == AnnotationKind.UNVERIFIED_CLAIM else "",
                    status=status, created_by=imported_by,
                    decided_via=f"W3C import by {imported_by.get_username()}" if status != ReviewStatus.OPEN else "",
                    **values,
                )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            result.rejected.append({**ref, "errors": errors})
            continue
        existing.add((created.kind, created.start, created.end))
        touched |= source_ids_involved(annotation=created)
        result.created.append({**ref, "annotation": created.pk, "start": created.start, "end": created.end,
                               "kind": created.kind, "anchored_by": where.method})
    # New attributions and reviewed flags are evidence about their sources.
    source_scores_recompute_on_commit(source_ids=touched)
    return result
