"""Applying typo suggestions to the text: one click instead of editing the whole body by hand.

The quoted span is replaced by the suggestion through ``article_update`` (the article edit
service: the caller's ``If-Match`` version, a new revision, re-analysis of the changed sentence),
and the typo is resolved by the reviewer with a note saying what was applied. Every other
annotation is re-anchored in the same transaction; one whose span contains the fix (a note on
the misspelt word, a claim around it) follows it instead of being orphaned (``SuggestionEdit``).

Locks are taken article first, then annotations, the order every article edit takes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from annotations import policies
from annotations.models import AnchorState, Annotation, AnnotationKind, Article
from annotations.services.annotations import SuggestionEdit
from annotations.services.articles import article_update
from annotations.services.errors import (
    ApplicationError,
    SpanChangedError,
    StaleVersionError,
    SuggestionNotApplicableError,
)
from annotations.services.reviews import (
    SUGGESTION_APPLICABLE,
    review_transition_announce,
    review_transition_suggestion_applied,
)
from annotations.services.validation import text_check
from annotations.text import anchoring

# The most annotations one bulk call applies (one edit of one article, its rows locked meanwhile).
SUGGESTION_BULK_MAX = 200

OutcomeStatus = Literal["applied", "conflict", "invalid", "not_found"]


@dataclass(frozen=True, slots=True)
class SuggestionOutcome:
    """What happened to one annotation of a bulk apply, in input order."""

    annotation_id: int
    status: OutcomeStatus
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SuggestionsApplied:
    article: Article  # as it is after the edit (unchanged when nothing was applied)
    outcomes: list[SuggestionOutcome]


def _may_apply(user: Any) -> None:
    """Applying decides the flag (a review) and edits the body (an article write): reviewers only."""
    if not (policies.can_review_annotation(user) and policies.can_write_articles(user)):
        raise PermissionDenied("Only reviewers may apply a suggestion: it resolves the flag and edits the article.")


def _refusal(annotation: Annotation, body: str) -> ValidationError | None:
    """Why ``annotation``'s suggestion cannot be applied to ``body``: 400 (nothing to apply), 409
    (its status, or the text under it changed), or None when it can."""
    if annotation.kind != AnnotationKind.TYPO:
        return ValidationError(
            {
                "suggestion": f"Annotation {annotation.pk} is a {annotation.get_kind_display().lower()}; "
                "only typos carry a suggestion to apply."
            }
        )
    if annotation.suggestion is None:
        return ValidationError(
            {
                "suggestion": f"Annotation {annotation.pk} has no suggestion to apply; "
                "give it one (PATCH its suggestion) or edit the article."
            }
        )
    if annotation.status not in SUGGESTION_APPLICABLE:
        return SuggestionNotApplicableError(annotation_id=annotation.pk, status=annotation.status)
    orphaned = annotation.anchor_state == AnchorState.ORPHANED
    current = None if orphaned else body[annotation.start : annotation.end]
    if current != annotation.quote:
        return SpanChangedError(annotation_id=annotation.pk, quote=annotation.quote, current=current)
    if annotation.suggestion == annotation.quote:
        return ValidationError({"suggestion": "The suggestion equals the text; there is nothing to apply."})
    return None


def _note(annotation: Annotation, *, revision: int, note: str) -> str:
    suggestion = annotation.suggestion or ""
    done = f"Applied suggestion '{suggestion}'" if suggestion else f"Applied suggestion: deleted '{annotation.quote}'"
    text = f"{done} (revision {revision})"
    return f"{text}. {note}" if note else text


def _apply(*, article: Article, annotations: Sequence[Annotation], applied_by: Any, note: str) -> Article:
    """Resolve ``annotations`` (locked, checked, not overlapping) and make their replacements in one edit.

    Resolved first, so the edit's re-anchoring sees decided flags (never system-resolved ones);
    announced after it, with their new spans.
    """
    revision = article.revision + 1  # the edit below stores exactly this revision
    user = applied_by if getattr(applied_by, "is_authenticated", False) else None
    from_statuses: dict[int, str] = {}
    for annotation in annotations:
        from_statuses[annotation.pk] = annotation.status
        review_transition_suggestion_applied(
            annotation=annotation, note=_note(annotation, revision=revision, note=note), reviewer=applied_by
        )
        annotation.version += 1
        annotation._history_user = user  # type: ignore[attr-defined]
        annotation.save(update_fields=["status", "review_note", "reviewer", "reviewed_at", "version", "updated_at"])
    replacements = tuple(anchoring.Replacement(a.start, a.end, a.suggestion or "") for a in annotations)
    edit = SuggestionEdit(replacements=replacements, applied=frozenset(a.pk for a in annotations))
    article = article_update(
        article=article,
        changed_by=applied_by,
        expected_version=article.version,
        suggestion_edit=edit,
        body=anchoring.replacements_apply(article.body, replacements),
    )
    for annotation in annotations:
        annotation.refresh_from_db()
        review_transition_announce(
            annotation=annotation,
            from_status=from_statuses[annotation.pk],
            note=annotation.review_note,
            reviewer=applied_by,
        )
    return article


def _locked_article(*, article_id: int, expected_version: int) -> Article:
    article = Article.objects.select_for_update().get(pk=article_id)
    if expected_version != article.version:
        raise StaleVersionError(what="article", expected=expected_version, current=article.version)
    return article


@transaction.atomic
def annotation_suggestion_apply(
    *, annotation: Annotation, applied_by: Any, expected_article_version: int, note: str = ""
) -> tuple[Annotation, Article]:
    """Replace the typo's quote by its suggestion in the article, and resolve the typo.

    ``expected_article_version`` is the article version the caller read (its ETag; stale:
    StaleVersionError, 412). Refused with 400 when there is nothing to apply (not a typo, no
    suggestion, or one equal to the text) and 409 when the typo is not open or confirmed, or
    when the text under its span is no longer its quote. Returns the annotation (now resolved,
    spanning the corrected text; orphaned when the suggestion deleted its text) and the article.
    """
    _may_apply(applied_by)
    text_check(note=note)
    article = _locked_article(article_id=annotation.article_id, expected_version=expected_article_version)
    locked = Annotation.objects.select_for_update().get(pk=annotation.pk)
    refusal = _refusal(locked, article.body)
    if refusal is not None:
        raise refusal
    article = _apply(article=article, annotations=[locked], applied_by=applied_by, note=note)
    locked.refresh_from_db()
    return locked, article


def _messages(error: ValidationError) -> list[str]:
    return list(error.messages)


@transaction.atomic
def annotations_suggestions_apply(
    *, article_id: int, annotation_ids: Sequence[int], applied_by: Any, expected_article_version: int, note: str = ""
) -> SuggestionsApplied:
    """Apply the suggestions of several typos of one article in a single edit (one revision).

    Each id is reported in input order: ``applied``; ``invalid`` (nothing to apply, another
    article's annotation, repeated, or overlapping one applied in the same edit); ``conflict``
    (not open or confirmed, or its text changed); ``not_found``. The refused ones do not stop the
    others; when none can be applied the article is left as it was.
    """
    _may_apply(applied_by)
    text_check(note=note)
    if len(annotation_ids) > SUGGESTION_BULK_MAX:
        raise ValidationError(
            {"annotations": f"At most {SUGGESTION_BULK_MAX} annotations per request; got {len(annotation_ids)}."}
        )
    article = _locked_article(article_id=article_id, expected_version=expected_article_version)
    found = {a.pk: a for a in Annotation.objects.select_for_update().filter(pk__in=set(annotation_ids))}
    outcomes: dict[int, SuggestionOutcome] = {}
    candidates: list[Annotation] = []
    for index, pk in enumerate(annotation_ids):
        annotation = found.get(pk)
        if pk in annotation_ids[:index]:
            outcomes[index] = SuggestionOutcome(pk, "invalid", ["This id is listed more than once."])
        elif annotation is None:
            outcomes[index] = SuggestionOutcome(pk, "not_found", [f"No annotation {pk}."])
        elif annotation.article_id != article.pk:
            outcomes[index] = SuggestionOutcome(
                pk, "invalid", [f"Annotation {pk} belongs to article {annotation.article_id}, not {article.pk}."]
            )
        elif (refusal := _refusal(annotation, article.body)) is not None:
            status: OutcomeStatus = (
                "conflict" if isinstance(refusal, ApplicationError) and refusal.http_status == 409 else "invalid"
            )
            outcomes[index] = SuggestionOutcome(pk, status, _messages(refusal))
        else:
            candidates.append(annotation)
    accepted: list[Annotation] = []
    for annotation in sorted(candidates, key=lambda a: (a.start, a.end, a.pk)):
        if accepted and annotation.start < accepted[-1].end:
            other = accepted[-1]
            outcomes[annotation_ids.index(annotation.pk)] = SuggestionOutcome(
                annotation.pk,
                "invalid",
                [f"Overlaps annotation {other.pk} [{other.start}:{other.end}], applied in the same edit."],
            )
            continue
        accepted.append(annotation)
    if accepted:
        article = _apply(article=article, annotations=accepted, applied_by=applied_by, note=note)
        for annotation in accepted:
            outcomes[annotation_ids.index(annotation.pk)] = SuggestionOutcome(annotation.pk, "applied")
    return SuggestionsApplied(article=article, outcomes=[outcomes[index] for index in sorted(outcomes)])
