"""The errors services raise, each declaring its HTTP meaning once.

``ApplicationError`` subclasses Django's ``ValidationError``: the admin and the commands, which only
care that the input was refused, catch that and show its messages. The API's exception handler
(``config.api.exceptions``) answers each with ``http_status``, adding ``extra()`` to the body and
``headers()`` to the response; no view translates them by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError


class ApplicationError(ValidationError):
    http_status: ClassVar[int] = 400

    def extra(self) -> dict[str, Any]:
        """Fields merged into the error body (ids stay numbers)."""
        return {}

    def headers(self) -> dict[str, str]:
        return {}


class StaleVersionError(ApplicationError):
    """The caller edited an older version than the stored one (optimistic concurrency).

    The protocol (README, "Concurrency"): read the ``ETag``, send it back in ``If-Match``; a stale
    one is a 412 carrying ``current_version`` and the new ``ETag``.
    """

    http_status = 412

    def __init__(self, *, what: str, expected: int, current: int) -> None:
        self.expected = expected
        self.current = current
        super().__init__(
            {
                "version": f"The {what} changed since version {expected} (it is now version {current}); reload it and retry."
            }
        )

    def extra(self) -> dict[str, Any]:
        return {"current_version": self.current}

    def headers(self) -> dict[str, str]:
        return {"ETag": f'"{self.current}"'}


class ArticleTooLongError(ApplicationError):
    """The body is longer than ARTICLE_BODY_MAX_CHARS code points."""

    http_status = 413

    def __init__(self, *, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__({"body": f"The body has {length} characters; the limit is {limit} (ARTICLE_BODY_MAX_CHARS)."})


class HtmlTooLongError(ApplicationError):
    """The posted HTML holds far more text than ARTICLE_BODY_MAX_CHARS, or far more elements than an
    article page (ARTICLE_HTML_MAX_ELEMENTS): refused before extraction."""

    http_status = 413

    def __init__(self, message: str) -> None:
        super().__init__({"html": message})


class DuplicateArticleError(ApplicationError):
    """The URL already belongs to another article; the answer names ``existing_article``."""

    http_status = 409

    def __init__(self, *, url: str, existing_id: int) -> None:
        self.url = url
        self.existing_id = existing_id
        super().__init__({"url": f"An article with this URL already exists (id {existing_id})."})

    def extra(self) -> dict[str, Any]:
        return {"existing_article": self.existing_id}


class InvalidTransition(ApplicationError):
    """The review decision is not allowed from the annotation's current status."""

    http_status = 409

    def __init__(self, *, from_status: str, to_status: str, allowed: Iterable[str]) -> None:
        self.from_status = from_status
        self.to_status = to_status
        allowed = sorted(allowed)
        hint = (
            f"from {from_status} it may only become {' or '.join(allowed)}" if allowed else "no transition is allowed"
        )
        super().__init__(
            {"status": f"An annotation cannot go from {from_status} to {to_status}; {hint}."}, code="invalid_transition"
        )

    def extra(self) -> dict[str, Any]:
        return {"current_status": self.from_status, "requested_status": self.to_status}


class RevisionNotFound(ApplicationError):
    http_status = 404

    def __init__(self, message: str) -> None:
        super().__init__({"detail": message})


class DuplicateAnnotationError(ApplicationError):
    """An annotation of the same kind already covers exactly this span of the article; the answer
    names ``existing_annotation`` (review or edit that one instead of stacking another)."""

    http_status = 409

    def __init__(self, *, kind: str, start: int, end: int, existing_id: int) -> None:
        self.existing_id = existing_id
        super().__init__(
            f"Annotation {existing_id} already marks [{start}:{end}] as {kind.replace('_', ' ')}; "
            "edit or review that one instead of adding a duplicate.",
            code="duplicate_annotation",
        )

    def extra(self) -> dict[str, Any]:
        return {"existing_annotation": self.existing_id}


class SpanChangedError(ApplicationError):
    """The text under an annotation's span is no longer its quote (an edit changed it): a suggestion
    for the old text cannot be applied to the new one."""

    http_status = 409

    def __init__(self, *, annotation_id: int, quote: str, current: str | None) -> None:
        self.current = current
        where = "its text is gone from the body" if current is None else f"the body now reads {current!r} there"
        super().__init__(
            f"Annotation {annotation_id} quotes {quote!r}, but {where}; the suggestion was not applied.",
            code="span_changed",
        )

    def extra(self) -> dict[str, Any]:
        return {"current_text": self.current}


class SuggestionNotApplicableError(ApplicationError):
    """The typo is dismissed or already resolved: its suggestion is applied only while it is open or confirmed."""

    http_status = 409

    def __init__(self, *, annotation_id: int, status: str) -> None:
        self.status = status
        hint = "reopen it first if the text still needs the fix" if status == "dismissed" else "it has been dealt with"
        super().__init__(
            f"Annotation {annotation_id} is {status}: a suggestion is applied only to an open or confirmed typo ({hint}).",
            code="invalid_transition",
        )

    def extra(self) -> dict[str, Any]:
        return {"current_status": self.status}
