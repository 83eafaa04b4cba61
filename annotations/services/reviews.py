"""Review decisions on annotations: the state machine, the review log and assignment.

Every status change, whether it comes from ``POST .../review/``, a PATCH of ``status``, the
annotation admin or the flagged-claim report, goes through ``review_transition_apply`` so the
transition rules, the log row and the ``annotation_reviewed`` signal can never be skipped.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from annotations import policies
from annotations.models import Annotation, ReviewDecision, ReviewLog, ReviewStatus
from annotations.services.errors import InvalidTransition, StaleVersionError
from annotations.services.validation import text_check
from annotations.signals import annotation_reviewed

# from_status -> the statuses a reviewer may move it to. "resolved" means the article was
# corrected, so only a confirmed flag can be resolved; every decided flag can be reopened.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.OPEN: frozenset({ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED}),
    ReviewStatus.CONFIRMED: frozenset({ReviewStatus.RESOLVED, ReviewStatus.OPEN}),
    ReviewStatus.DISMISSED: frozenset({ReviewStatus.OPEN}),
    ReviewStatus.RESOLVED: frozenset({ReviewStatus.OPEN}),
}
DECISION_TARGETS: dict[str, str] = {
    ReviewDecision.CONFIRM: ReviewStatus.CONFIRMED,
    ReviewDecision.DISMISS: ReviewStatus.DISMISSED,
    ReviewDecision.RESOLVE: ReviewStatus.RESOLVED,
    ReviewDecision.REOPEN: ReviewStatus.OPEN,
}
_TARGET_DECISIONS = {status: decision for decision, status in DECISION_TARGETS.items()}


def review_transition_check(*, from_status: str, to_status: str) -> None:
    if to_status not in TRANSITIONS.get(from_status, frozenset()):
        raise InvalidTransition(from_status=from_status, to_status=to_status, allowed=TRANSITIONS.get(from_status, ()))


def review_transition_apply(*, annotation: Annotation, to_status: str, note: str, reviewer: Any) -> Annotation:
    """Move a row locked by the caller (inside its transaction) to ``to_status``; log it and announce it.

    Does not save the annotation's other pending changes itself: the caller saves once.
    """
    from_status = annotation.status
    review_transition_check(from_status=from_status, to_status=to_status)
    user = reviewer if getattr(reviewer, "is_authenticated", False) else None
    return _transition_write(annotation=annotation, to_status=to_status, note=note, reviewer=user)


def review_transition_record(*, annotation: Annotation, to_status: str, note: str, reviewer: Any) -> Annotation:
    """Record a decision a reviewer made elsewhere (an import of their decided annotations).

    From open straight to ``to_status`` (an imported "resolved" skips the confirm step the
    decision was made through), logged with the reviewer and the note saying where it came from.
    Same contract as ``review_transition_apply``.
    """
    if to_status not in DECISION_TARGETS.values() or to_status == ReviewStatus.OPEN:
        raise ValidationError({"status": f"Unknown decided status {to_status!r}."})
    return _transition_write(annotation=annotation, to_status=to_status, note=note, reviewer=reviewer)


def review_transition_system(*, annotation: Annotation, to_status: str, note: str) -> Annotation:
    """A status change the system makes, not a reviewer (an edit corrected or deleted the text).

    Only ever moves an *open* flag (an open flag whose text is gone is resolved) or one the system
    itself resolved (restored text reopens it): a reviewer's decision is never overturned by an
    edit (``annotations_reanchor``). Logged like any decision, with no reviewer; the previous
    reviewer's name is cleared, since the decision is no longer theirs. Same contract as ``review_transition_apply``:
    the caller holds the row lock, saves and announces.
    """
    return _transition_write(annotation=annotation, to_status=to_status, note=note, reviewer=None)


# The statuses from which applying a typo's suggestion resolves it.
SUGGESTION_APPLICABLE = frozenset({ReviewStatus.OPEN, ReviewStatus.CONFIRMED})


def review_transition_suggestion_applied(*, annotation: Annotation, note: str, reviewer: Any) -> Annotation:
    """A reviewer applied the typo's suggestion to the text: the flag was right and is now fixed.

    Resolves it from open (confirmed and corrected in one step) or from confirmed; anything else
    is an InvalidTransition (a dismissed typo is reopened first, a resolved one has been dealt
    with). Logged as the reviewer's "resolve". Same contract as ``review_transition_apply``.
    """
    if annotation.status not in SUGGESTION_APPLICABLE:
        raise InvalidTransition(
            from_status=annotation.status,
            to_status=ReviewStatus.RESOLVED,
            allowed=TRANSITIONS.get(annotation.status, frozenset()),
        )
    user = reviewer if getattr(reviewer, "is_authenticated", False) else None
    return _transition_write(annotation=annotation, to_status=ReviewStatus.RESOLVED, note=note, reviewer=user)


def _transition_write(*, annotation: Annotation, to_status: str, note: str, reviewer: Any) -> Annotation:
    """Set the review fields (not saved) and append the log row: the one write every kind of transition makes.

    ``reviewer`` is a user, or None for a change the system makes.
    """
    from_status = annotation.status
    annotation.status = to_status
    annotation.review_note = note
    annotation.reviewer = reviewer
    annotation.reviewed_at = timezone.now()
    ReviewLog.objects.create(
        annotation=annotation,
        reviewer=reviewer,
        reviewer_name=reviewer.get_username() if reviewer is not None else "",
        from_status=from_status,
        to_status=to_status,
        decision=_TARGET_DECISIONS[to_status],
        note=note,
    )
    return annotation


def review_transition_announce(*, annotation: Annotation, from_status: str, note: str, reviewer: Any) -> None:
    """Send ``annotation_reviewed`` after the annotation's new status is saved (still inside the transaction)."""
    annotation_reviewed.send(
        sender=Annotation,
        annotation=annotation,
        from_status=from_status,
        to_status=annotation.status,
        reviewer=reviewer if getattr(reviewer, "is_authenticated", False) else None,
        note=note,
    )


@transaction.atomic
def annotation_review(
    *, annotation: Annotation, decision: str, note: str = "", reviewer: Any, expected_version: int | None = None
) -> Annotation:
    """Apply a reviewer's decision (confirm, dismiss, resolve, reopen) to one annotation.

    Reviewers only (PermissionDenied). A decision the state machine does not allow raises
    InvalidTransition; a stale ``expected_version`` (the version the reviewer read and decided
    on) raises StaleVersionError. The API and the report page always pass it.
    """

    if not policies.can_review_annotation(reviewer):
        raise PermissionDenied("Only reviewers and staff may review annotations.")
    text_check(note=note)
    if decision not in DECISION_TARGETS:
        raise ValidationError(
            {"decision": f"Unknown decision {decision!r}; expected one of {', '.join(DECISION_TARGETS)}."}
        )
    locked = Annotation.objects.select_for_update().get(pk=annotation.pk)
    if expected_version is not None and expected_version != locked.version:
        raise StaleVersionError(what="annotation", expected=expected_version, current=locked.version)
    from_status = locked.status
    review_transition_apply(annotation=locked, to_status=DECISION_TARGETS[decision], note=note, reviewer=reviewer)
    locked.version += 1
    locked.save(update_fields=["status", "review_note", "reviewer", "reviewed_at", "version", "updated_at"])
    review_transition_announce(annotation=locked, from_status=from_status, note=note, reviewer=reviewer)
    return locked


@transaction.atomic
def annotation_assign(*, annotation: Annotation, assignee: Any, assigned_by: Any) -> Annotation:
    """Assign the annotation to a reviewer (``assignee=None`` unassigns). Reviewers and staff only."""
    if not policies.can_review_annotation(assigned_by):
        raise PermissionDenied("Only reviewers and staff may assign annotations.")
    if assignee is not None and not (assignee.is_active and policies.is_reviewer(assignee)):
        raise ValidationError({"assignee": "Annotations can only be assigned to active reviewers or staff."})
    locked = Annotation.objects.select_for_update().get(pk=annotation.pk)
    new_id = assignee.pk if assignee is not None else None
    if locked.assignee_id == new_id:
        return locked
    locked.assignee = assignee
    locked.version += 1
    locked.save(update_fields=["assignee", "version", "updated_at"])
    return locked
