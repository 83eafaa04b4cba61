"""Writes for annotations. The span invariant ``quote == body[start:end]`` is enforced here.

It holds for every annotation whose ``anchor_state`` is not ``orphaned``. An orphan keeps the
offsets, quote and context of the last revision it was anchored in (nothing in the current body
matched it confidently); only ``annotation_reattach`` (or a span edit) anchors it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from annotations import policies
from annotations.models import AnchorState, Annotation, AnnotationKind, Article, Origin, ReviewStatus, UnverifiedReason
from annotations.services.errors import DuplicateAnnotationError, StaleVersionError
from annotations.services.reviews import (
    review_transition_announce,
    review_transition_apply,
    review_transition_check,
    review_transition_record,
    review_transition_system,
)
from annotations.services.validation import text_check
from annotations.text import anchoring

CONTEXT_CHARS = 32  # TextQuoteSelector prefix/suffix length, enough to re-anchor after edits.


def span_context(*, body: str, start: int, end: int) -> tuple[str, str]:
    return body[max(0, start - CONTEXT_CHARS) : start], body[end : end + CONTEXT_CHARS]


def span_validate(*, body: str, start: Any, end: Any, quote: str | None) -> str:
    """Check the span against the body and return the quote it covers."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise ValidationError({"start": "start and end must be integers."})
    if start < 0:
        raise ValidationError({"start": "start must be 0 or more."})
    if start >= end:
        raise ValidationError({"end": "end must be greater than start."})
    if end > len(body):
        raise ValidationError({"end": f"end ({end}) is past the end of the body ({len(body)} characters)."})
    actual = body[start:end]
    if quote is not None and quote != actual:
        raise ValidationError(
            {"quote": f"The quote does not match the body at [{start}:{end}], which reads {actual!r}."}
        )
    return actual


def _validate_fields(*, kind: str, status: str, origin: str, reason: str, confidence: Any) -> None:
    errors: dict[str, str] = {}
    if kind not in AnnotationKind.values:
        errors["kind"] = f"Unknown kind {kind!r}; expected one of {', '.join(AnnotationKind.values)}."
    if status not in ReviewStatus.values:
        errors["status"] = f"Unknown status {status!r}; expected one of {', '.join(ReviewStatus.values)}."
    if origin not in Origin.values:
        errors["origin"] = f"Unknown origin {origin!r}."
    if reason and reason not in UnverifiedReason.values:
        errors["reason"] = f"Unknown reason {reason!r}; expected one of {', '.join(UnverifiedReason.values)}."
    if reason and kind != AnnotationKind.UNVERIFIED_CLAIM:
        errors["reason"] = "A reason applies only to unverified claims."
    if confidence is not None and not (0.0 <= float(confidence) <= 1.0):
        errors["confidence"] = "confidence must be between 0 and 1."
    if errors:
        raise ValidationError(errors)


def annotation_duplicate_check(
    *, article_id: int, kind: str, start: int, end: int, exclude_pk: int | None = None
) -> None:
    """Refuse (DuplicateAnnotationError, 409) a span that an annotation of the same kind already marks.

    Every origin and status counts: a dismissed flag is reopened, not stacked under a new one.
    Orphans do not count (their offsets belong to an older body). Editors' writes call this;
    the machine's sync does not: it upserts its own findings per detector (``services.machine``).
    """
    existing = (
        Annotation.objects.filter(article_id=article_id, kind=kind, start=start, end=end)
        .exclude(anchor_state=AnchorState.ORPHANED)
        .order_by("pk")
    )
    if exclude_pk is not None:
        existing = existing.exclude(pk=exclude_pk)
    existing_id = existing.values_list("pk", flat=True).first()
    if existing_id is not None:
        raise DuplicateAnnotationError(kind=kind, start=start, end=end, existing_id=existing_id)


def _article_lock(article_id: int) -> None:
    """Hold the article's row until the transaction ends: two concurrent creates of the same span
    cannot both pass the duplicate check (an edit of the body waits too)."""
    Article.objects.select_for_update().filter(pk=article_id).values_list("pk", flat=True).first()


@transaction.atomic
def annotation_create(
    *,
    article: Article,
    kind: str,
    start: int,
    end: int,
    quote: str | None = None,
    comment: str = "",
    suggestion: str | None = None,
    reason: str = "",
    source: Any = None,
    vague_source: str = "",
    evidence_factcheck: Any = None,
    evidence_annotation: Annotation | None = None,
    status: str = ReviewStatus.OPEN,
    created_by: Any = None,
    decided_via: str = "",
    origin: str = Origin.EDITOR,
    detector: str = "",
    rule: str = "",
    explanation: str = "",
    confidence: float | None = None,
    checkworthiness: float | None = None,
) -> Annotation:
    """Create an annotation. ``quote`` is optional, but when given it must match the body.

    An editor annotation unless ``origin`` says machine: only an import passes that, to keep a
    finding's provenance (detector, rule, explanation, confidence) from the deployment that made it.

    A new annotation starts open. A decided ``status`` is accepted only with ``decided_via`` (how
    the decision reached us, e.g. "W3C import") from a reviewer: it is then recorded as that
    reviewer's decision (reviewer, reviewed_at and a ReviewLog row), never as an undocumented one.
    """
    text_check(quote=quote, comment=comment, suggestion=suggestion, explanation=explanation, vague_source=vague_source)
    if status != ReviewStatus.OPEN and status in ReviewStatus.values:
        if not decided_via:
            raise ValidationError(
                {"status": "A new annotation starts open; a reviewer decides it with POST /annotations/{id}/review/."}
            )
        if not policies.can_review_annotation(created_by):
            raise PermissionDenied("Only reviewers may record a review decision.")
    actual = span_validate(body=article.body, start=start, end=end, quote=quote)
    _validate_fields(kind=kind, status=status, origin=origin, reason=reason or "", confidence=confidence)
    if checkworthiness is not None and not (0.0 <= float(checkworthiness) <= 1.0):
        raise ValidationError({"checkworthiness": "checkworthiness must be between 0 and 1."})
    if evidence_annotation is not None and evidence_annotation.article_id == article.pk:
        raise ValidationError({"evidence_annotation": "Evidence must come from another article."})
    _article_lock(article.pk)
    annotation_duplicate_check(article_id=article.pk, kind=kind, start=start, end=end)
    prefix, suffix = span_context(body=article.body, start=start, end=end)
    author = created_by if getattr(created_by, "is_authenticated", False) else None
    annotation = Annotation.objects.create(
        article=article,
        kind=kind,
        start=start,
        end=end,
        quote=actual,
        prefix=prefix,
        suffix=suffix,
        comment=comment,
        suggestion=suggestion,
        reason=reason or "",
        source=source,
        vague_source=(vague_source or "").strip(),
        evidence_factcheck=evidence_factcheck,
        evidence_annotation=evidence_annotation,
        origin=origin,
        detector=detector[:64] if origin == Origin.MACHINE else "",
        rule=rule[:200],
        explanation=explanation,
        confidence=confidence,
        checkworthiness=checkworthiness,
        status=ReviewStatus.OPEN,
        created_by=author,
    )
    if status != ReviewStatus.OPEN:
        review_transition_record(
            annotation=annotation, to_status=status, note=f"decided via {decided_via}"[:2000], reviewer=created_by
        )
        annotation.save(update_fields=["status", "review_note", "reviewer", "reviewed_at"])
        review_transition_announce(
            annotation=annotation, from_status=ReviewStatus.OPEN, note=annotation.review_note, reviewer=created_by
        )
    return annotation


# What an annotation says about its span, as opposed to where the span is (the admin's "Details").
ANNOTATION_DETAIL_FIELDS = (
    "comment",
    "suggestion",
    "reason",
    "source",
    "vague_source",
    "evidence_factcheck",
    "evidence_annotation",
)
ANNOTATION_EDITABLE_FIELDS = frozenset({"kind", "start", "end", "quote", *ANNOTATION_DETAIL_FIELDS})
REVIEW_FIELDS = frozenset({"status", "review_note"})


@transaction.atomic
def annotation_update(
    *, annotation: Annotation, changed_by: Any, expected_version: int | None = None, **changes: Any
) -> Annotation:
    """Edit an annotation on behalf of ``changed_by``, enforcing the role policy.

    Owners (and staff) may edit content; reviewers (and staff) may change review fields of any
    annotation. Span changes are re-validated against the current body. With ``expected_version``
    the edit is refused (StaleVersionError) when someone else saved in between. A status change
    follows the review state machine (InvalidTransition otherwise) and is logged like a review.
    """
    unknown = set(changes) - ANNOTATION_EDITABLE_FIELDS - REVIEW_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    text_check(**{name: value for name, value in changes.items() if isinstance(value, str)})
    content = {k: v for k, v in changes.items() if k in ANNOTATION_EDITABLE_FIELDS}
    review = {k: v for k, v in changes.items() if k in REVIEW_FIELDS}
    if content and not policies.can_edit_annotation(changed_by, annotation):
        raise PermissionDenied("You may only edit annotations you created.")
    if review and not policies.can_review_annotation(changed_by):
        raise PermissionDenied("Only reviewers and staff may change an annotation's review status.")

    annotation = Annotation.objects.select_for_update().select_related("article").get(pk=annotation.pk)
    if expected_version is not None and expected_version != annotation.version:
        raise StaleVersionError(what="annotation", expected=expected_version, current=annotation.version)
    if not content and not review:
        return annotation  # nothing to change: no new version, no review stamp
    body = annotation.article.body
    start = content.get("start", annotation.start)
    end = content.get("end", annotation.end)
    span_moved = "start" in content or "end" in content
    orphan_kept = annotation.anchor_state == AnchorState.ORPHANED and not span_moved
    if orphan_kept:  # the stored span belongs to an older body: keep it as it is
        if "quote" in content and content.pop("quote") != annotation.quote:
            raise ValidationError(
                {"quote": "An orphaned annotation's quote cannot change; re-attach it to a span instead."}
            )
        actual = annotation.quote
    else:
        quote = content.pop("quote", None if span_moved else annotation.quote)
        actual = span_validate(body=body, start=start, end=end, quote=quote)
    kind = content.get("kind", annotation.kind)
    reason = content.get("reason", annotation.reason) or ""
    if kind != AnnotationKind.UNVERIFIED_CLAIM and "kind" in content and "reason" not in content:
        reason = ""
        content["reason"] = ""
    status = review.get("status", annotation.status)
    _validate_fields(
        kind=kind, status=status, origin=annotation.origin, reason=reason, confidence=annotation.confidence
    )
    if not orphan_kept and (kind, start, end) != (annotation.kind, annotation.start, annotation.end):
        annotation_duplicate_check(
            article_id=annotation.article_id, kind=kind, start=start, end=end, exclude_pk=annotation.pk
        )
    from_status = annotation.status
    # A status edit is a review decision: same transition rules, log row and signal as annotation_review.
    new_status = review.pop("status", from_status)
    if new_status != from_status:
        review_transition_check(from_status=from_status, to_status=new_status)

    for name, value in {**content, **review}.items():
        setattr(annotation, name, value)
    if not orphan_kept:
        annotation.quote = actual
        annotation.prefix, annotation.suffix = span_context(body=body, start=start, end=end)
        if span_moved:
            annotation.anchor_state = AnchorState.ANCHORED  # a person chose this span
    if new_status != from_status:
        review_transition_apply(
            annotation=annotation, to_status=new_status, note=review.get("review_note", ""), reviewer=changed_by
        )
    elif review:
        annotation.reviewer = changed_by
        annotation.reviewed_at = timezone.now()
    annotation.version += 1
    annotation._history_user = changed_by if getattr(changed_by, "is_authenticated", False) else None  # type: ignore[attr-defined]
    annotation.save()
    if new_status != from_status:
        review_transition_announce(
            annotation=annotation, from_status=from_status, note=annotation.review_note, reviewer=changed_by
        )
    return annotation


@transaction.atomic
def annotation_delete(*, annotation: Annotation, deleted_by: Any) -> None:
    if not policies.can_edit_annotation(deleted_by, annotation):
        raise PermissionDenied("You may only delete annotations you created.")
    annotation.delete()


@transaction.atomic
def annotation_reattach(
    *, annotation: Annotation, start: int, end: int, changed_by: Any, expected_version: int | None = None
) -> Annotation:
    """Anchor an annotation by hand to ``[start, end)`` of the current body (typically an orphan).

    The quote and context become what the body holds there: a person chose the text, so unlike
    automatic re-anchoring the quote may differ from the old one (the history keeps the old one).
    Its owner may always do it; reviewers may re-attach an orphan (nobody else's anchored
    annotation is moved elsewhere by hand: that would rewrite what its author flagged).
    """
    if not (policies.can_edit_annotation(changed_by, annotation) or policies.can_review_annotation(changed_by)):
        raise PermissionDenied("Only the annotation's owner, reviewers and staff may re-attach it.")
    locked = Annotation.objects.select_for_update().select_related("article").get(pk=annotation.pk)
    if not policies.can_reattach_annotation(changed_by, locked):
        raise PermissionDenied(
            "Only its owner may re-attach an anchored annotation; reviewers may re-attach orphaned ones."
        )
    if expected_version is not None and expected_version != locked.version:
        raise StaleVersionError(what="annotation", expected=expected_version, current=locked.version)
    body = locked.article.body
    locked.quote = span_validate(body=body, start=start, end=end, quote=None)
    annotation_duplicate_check(
        article_id=locked.article_id, kind=locked.kind, start=start, end=end, exclude_pk=locked.pk
    )
    if locked.origin == Origin.MACHINE and (
        Annotation.objects.filter(
            article_id=locked.article_id,
            kind=locked.kind,
            start=start,
            end=end,
            detector=locked.detector,
            origin=Origin.MACHINE,
        )
        .exclude(anchor_state=AnchorState.ORPHANED)
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise ValidationError({"start": "The same detector already has an annotation of this kind on that span."})
    locked.start, locked.end = start, end
    locked.prefix, locked.suffix = span_context(body=body, start=start, end=end)
    locked.anchor_state = AnchorState.ANCHORED
    locked.version += 1
    locked._history_user = changed_by if getattr(changed_by, "is_authenticated", False) else None  # type: ignore[attr-defined]
    locked.save()
    return locked


REANCHORED_FIELDS = ("start", "end", "quote", "prefix", "suffix", "anchor_state", "version", "updated_at")


def _write_reanchored(annotations: Sequence[Annotation], *, user: Any, now: Any) -> None:
    """One parameterised UPDATE per annotation, sent as one batch (``executemany``: a pipeline on
    psycopg 3), then their history rows in one insert. Django's ``bulk_update`` builds a CASE per
    field and row, which costs more Python time than the whole re-anchoring of a long article."""
    quote = connection.ops.quote_name
    column_of = {field.name: str(field.column) for field in Annotation._meta.concrete_fields}
    columns = [column_of[name] for name in REANCHORED_FIELDS]
    sql = (
        f"UPDATE {quote(Annotation._meta.db_table)} SET "
        + ", ".join(f"{quote(column)} = %s" for column in columns)
        + f" WHERE {quote(Annotation._meta.pk.attname)} = %s"
    )
    updated_at = Annotation._meta.get_field("updated_at").get_db_prep_save(now, connection)
    rows = [
        (a.start, a.end, a.quote, a.prefix, a.suffix, a.anchor_state, a.version, updated_at, a.pk) for a in annotations
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    Annotation.history.bulk_history_create(annotations, update=True, default_user=user)


@dataclass(frozen=True, slots=True)
class ReanchorCounts:
    anchored: int
    moved: int
    orphaned: int
    resolved: int
    kept_decided: int = 0  # orphaned with a reviewer's decision, which stands (the report shows them)
    restored: int = 0  # orphans whose text came back, anchored again


SelectorKey = tuple[int, int, int, str, str, str]


def _selector(annotation: Annotation) -> anchoring.Selector:
    """The annotation's W3C selectors (position and quote with its context), as anchoring reads them."""
    return anchoring.Selector(
        start=annotation.start,
        end=annotation.end,
        quote=annotation.quote,
        prefix=annotation.prefix,
        suffix=annotation.suffix,
    )


def _selector_key(annotation: Annotation) -> SelectorKey:
    return (annotation.pk, annotation.start, annotation.end, annotation.quote, annotation.prefix, annotation.suffix)


@dataclass(frozen=True, slots=True)
class SuggestionEdit:
    """An edit whose meaning is known: typo suggestions applied (``annotations.services.suggestions``).

    ``replacements`` turn the old body into the new one; ``applied`` are the typo annotations
    whose suggestions they are. Re-anchoring lets every span that contains a replacement follow it
    (``anchoring.follow_replacements``) instead of orphaning it: the applied typos themselves, and
    every annotation other than a typo around them. Another typo over the corrected text is
    left to the usual rules (an open one is resolved as corrected).
    """

    replacements: tuple[anchoring.Replacement, ...]
    applied: frozenset[int]


FOLLOWED = "suggestion"  # Anchor.method of a span carried through an applied suggestion (its quote changes)


def _followed(annotation: Annotation, edit: SuggestionEdit) -> anchoring.Anchor | None:
    if annotation.kind == AnnotationKind.TYPO and annotation.pk not in edit.applied:
        return None
    span = anchoring.follow_replacements(annotation.start, annotation.end, edit.replacements)
    if span is None:
        return None
    state = anchoring.MOVED if annotation.anchor_state == AnchorState.MOVED else anchoring.ANCHORED
    return anchoring.Anchor(state, span[0], span[1], FOLLOWED, 1.0)


@dataclass(frozen=True, slots=True)
class ReanchorPlan:
    """Re-anchoring worked out before the article's row lock: the diff of ``old_body`` to ``new_body``
    and where each annotation (as it was then, see ``_selector_key``) goes."""

    old_body: str
    new_body: str
    opcodes: anchoring.Opcodes
    anchors: dict[SelectorKey, anchoring.Anchor]


def annotations_reanchor_prepare(*, article_id: int, old_body: str, new_body: str) -> ReanchorPlan:
    """The expensive part of ``annotations_reanchor`` (the diff, the context searches), without locks.

    ``article_update`` calls it before taking the article's row lock; under the lock a plan is
    used only for the body it was computed from and annotations unchanged since.
    """
    opcodes = anchoring.text_opcodes(old_body, new_body)
    anchors: dict[SelectorKey, anchoring.Anchor] = {}
    annotations = (
        Annotation.objects.filter(article_id=article_id)
        .exclude(anchor_state=AnchorState.ORPHANED)
        .only("pk", "start", "end", "quote", "prefix", "suffix")
    )
    for annotation in annotations:
        anchors[_selector_key(annotation)] = anchoring.reanchor(
            old_body, new_body, _selector(annotation), opcodes=opcodes
        )
    return ReanchorPlan(old_body=old_body, new_body=new_body, opcodes=opcodes, anchors=anchors)


def annotations_reanchor(
    *,
    article: Article,
    old_body: str,
    changed_by: Any = None,
    plan: ReanchorPlan | None = None,
    suggestion_edit: SuggestionEdit | None = None,
) -> ReanchorCounts:
    """Carry every annotation of ``article`` from ``old_body`` over to its (already saved) new body.

    Runs inside the article's writing transaction (see ``article_update``). ``annotations.text.anchoring``
    decides each span: diff-mapped spans keep their state, spans found again by quote and context
    become ``moved``, the rest ``orphaned`` with their old offsets and quote.

    An edit never overturns a human decision. An *open* flag whose text the edit deleted outright
    (or an open typo whose text changed: corrected) is closed as ``resolved`` by the system, with
    the revision in the review log. A confirmed, dismissed or resolved one only becomes orphaned
    and keeps its status, reviewer and note until a reviewer acts; the flagged-claim report lists
    it as such. An orphan whose quote and full context come back (text restored) is anchored
    again, the same annotation, instead of a new flag being raised; one the system had resolved
    is reopened.

    ``plan`` (``annotations_reanchor_prepare``, computed outside the lock) is used when it was
    made for exactly these two bodies; an annotation changed since is re-anchored here.

    ``suggestion_edit`` (given only when it describes exactly this edit) lets the spans that
    contain an applied suggestion follow it, their quote becoming the corrected text.
    """
    body = article.body
    orphans = list(Annotation.objects.select_for_update().filter(article=article, anchor_state=AnchorState.ORPHANED))
    annotations = list(
        Annotation.objects.select_for_update().filter(article=article).exclude(anchor_state=AnchorState.ORPHANED)
    )
    if plan is not None and not (plan.old_body == old_body and plan.new_body == body):
        plan = None  # someone saved in between: the plan describes another edit
    opcodes = plan.opcodes if plan is not None else anchoring.text_opcodes(old_body, body)
    plans: list[tuple[Annotation, anchoring.Anchor]] = []
    if suggestion_edit is not None and anchoring.replacements_apply(old_body, suggestion_edit.replacements) != body:
        suggestion_edit = None  # it describes another edit
    for annotation in annotations:
        prepared = _followed(annotation, suggestion_edit) if suggestion_edit is not None else None
        if prepared is None and plan is not None:
            prepared = plan.anchors.get(_selector_key(annotation))
        if prepared is None:
            prepared = anchoring.reanchor(old_body, body, _selector(annotation), opcodes=opcodes)
        plans.append((annotation, prepared))
    # Two machine findings must never land on one span (the unique constraint): the later one is orphaned.
    taken: set[tuple[str, int, int, str]] = set()
    for index, (annotation, anchor) in enumerate(plans):
        if annotation.origin != Origin.MACHINE or anchor.state == AnchorState.ORPHANED:
            continue
        key = (annotation.kind, anchor.start, anchor.end, annotation.detector)
        if key in taken:
            plans[index] = (
                annotation,
                anchoring.Anchor(anchoring.ORPHANED, annotation.start, annotation.end, "ambiguous"),
            )
        taken.add(key)
    changed = [
        (a, anchor)
        for a, anchor in plans
        if anchor.state == AnchorState.ORPHANED
        or (anchor.start, anchor.end) != (a.start, a.end)
        or anchor.method == FOLLOWED
        or span_context(body=body, start=anchor.start, end=anchor.end) != (a.prefix, a.suffix)
    ]
    # Orphans whose text is back, exactly and with its context (a deletion undone).
    restored_plans: list[tuple[Annotation, anchoring.Anchor]] = []
    for orphan in orphans:
        found = anchoring.relocate(
            body,
            anchoring.Selector(
                start=orphan.start,
                end=orphan.end,
                quote=orphan.quote,
                prefix=orphan.prefix,
                suffix=orphan.suffix,
            ),
        )
        if found is None:
            continue
        key = (orphan.kind, found.start, found.end, orphan.detector)
        if orphan.origin == Origin.MACHINE and key in taken:
            continue
        taken.add(key)
        restored_plans.append((orphan, found))
    # Out of the unique constraint while offsets shuffle (A may move to where B was): orphans are exempt.
    Annotation.objects.filter(pk__in=[a.pk for a, _ in changed]).update(anchor_state=AnchorState.ORPHANED)
    counts = {AnchorState.ANCHORED: 0, AnchorState.MOVED: 0, AnchorState.ORPHANED: 0}
    resolved = kept_decided = 0
    for _annotation, anchor in plans:
        counts[AnchorState(anchor.state)] += 1
    user = changed_by if getattr(changed_by, "is_authenticated", False) else None
    # Offsets, context and state only: written in bulk, with their history rows in bulk too (a
    # scattered edit shifts nearly every annotation of a long article: hundreds of rows).
    shifted: list[Annotation] = []
    now = timezone.now()
    for annotation, anchor in changed:
        annotation._history_user = user  # type: ignore[attr-defined]
        if anchor.state == AnchorState.ORPHANED:
            annotation.anchor_state = AnchorState.ORPHANED
            note = ""
            if anchor.removed:
                note = f"text removed in revision {article.revision}"
            elif annotation.kind == AnnotationKind.TYPO and anchor.method != "ambiguous":
                note = f"corrected in revision {article.revision}"
            if note and annotation.status == ReviewStatus.OPEN:
                from_status = annotation.status
                review_transition_system(annotation=annotation, to_status=ReviewStatus.RESOLVED, note=note)
                annotation.version += 1
                annotation.save()
                review_transition_announce(annotation=annotation, from_status=from_status, note=note, reviewer=None)
                resolved += 1
                continue
            if annotation.status != ReviewStatus.OPEN:
                kept_decided += 1  # the decision stands; the report shows it orphaned
        else:
            if anchor.state == AnchorState.MOVED:
                annotation.anchor_state = AnchorState.MOVED
            # else: carried through the diff, it keeps the state it had (still in memory)
            annotation.start, annotation.end = anchor.start, anchor.end
            annotation.prefix, annotation.suffix = span_context(body=body, start=anchor.start, end=anchor.end)
            if anchor.method == FOLLOWED:
                annotation.quote = body[anchor.start : anchor.end]
        annotation.version += 1
        annotation.updated_at = now
        shifted.append(annotation)
    if shifted:
        _write_reanchored(shifted, user=user, now=now)
    for orphan, found in restored_plans:
        orphan._history_user = user  # type: ignore[attr-defined]
        orphan.anchor_state = AnchorState.MOVED
        orphan.start, orphan.end = found.start, found.end
        orphan.prefix, orphan.suffix = span_context(body=body, start=found.start, end=found.end)
        system_resolved = (
            orphan.status == ReviewStatus.RESOLVED
            and orphan.reviewer_id is None
            and orphan.review_note.startswith(("text removed in revision", "corrected in revision"))
        )
        if system_resolved:
            note = f"text restored in revision {article.revision}"
            review_transition_system(annotation=orphan, to_status=ReviewStatus.OPEN, note=note)
        orphan.version += 1
        orphan.save()
        if system_resolved:
            review_transition_announce(annotation=orphan, from_status=ReviewStatus.RESOLVED, note=note, reviewer=None)
    return ReanchorCounts(
        anchored=counts[AnchorState.ANCHORED],
        moved=counts[AnchorState.MOVED],
        orphaned=counts[AnchorState.ORPHANED],
        resolved=resolved,
        kept_decided=kept_decided,
        restored=len(restored_plans),
    )
