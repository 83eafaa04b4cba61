"""Admin for annotations: review fields, history and the review log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from annotations.admin.base import VersionedServiceAdmin
from annotations.models import (
    AnchorState,
    Annotation,
    Origin,
    ReviewLog,
    ReviewStatus,
)
from annotations.services.annotations import (
    ANNOTATION_DETAIL_FIELDS,
    ANNOTATION_EDITABLE_FIELDS,
    REVIEW_FIELDS,
    annotation_create,
    annotation_delete,
    annotation_reattach,
    annotation_update,
)
from annotations.services.errors import DuplicateAnnotationError

_MACHINE_READONLY = ("kind", "start", "end", "quote")


_ALWAYS_READONLY = (
    "prefix",
    "suffix",
    "origin",
    "detector",
    "rule",
    "explanation",
    "confidence",
    "checkworthiness",
    "reviewer",
    "reviewed_at",
    "assignee",
    "created_by",
    "created_at",
    "updated_at",
    "version",
)


class ReviewLogInline(admin.TabularInline):
    """Every review transition of the annotation: written by the review service, never edited."""

    model = ReviewLog
    extra = 0
    can_delete = False
    fields = ("created_at", "reviewer_name", "decision", "from_status", "to_status", "note")
    readonly_fields = fields
    ordering = ("created_at", "id")
    verbose_name_plural = "review log"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Annotation)
class AnnotationAdmin(VersionedServiceAdmin):
    list_display = (
        "id",
        "article",
        "kind",
        "short_quote",
        "reason",
        "source",
        "origin",
        "detector",
        "status",
        "anchor_state",
        "checkworthiness",
        "confidence",
    )
    list_filter = ("kind", "status", "anchor_state", "origin", "detector", "reason")
    search_fields = ("quote", "comment", "review_note", "article__title")
    list_select_related = ("article", "source")
    autocomplete_fields = ("article", "source", "evidence_annotation")
    raw_id_fields = ("evidence_factcheck",)
    inlines = (ReviewLogInline,)
    fieldsets = (
        (
            None,
            {
                "fields": ("article", "kind", "start", "end", "quote", "prefix", "suffix", "anchor_state"),
                "description": (
                    "Offsets count code points (an emoji is one). An orphaned annotation lost its place in an "
                    "edit: set start and end to re-attach it; its quote becomes the text there."
                ),
            },
        ),
        ("Details", {"fields": ANNOTATION_DETAIL_FIELDS}),
        ("Review", {"fields": ("status", "review_note", "reviewer", "reviewed_at", "assignee")}),
        (
            "Provenance",
            {
                "fields": (
                    "origin",
                    "detector",
                    "rule",
                    "explanation",
                    "checkworthiness",
                    "confidence",
                    "created_by",
                    "created_at",
                    "updated_at",
                    "version",
                )
            },
        ),
    )

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return list(self.inlines) if obj is not None else []  # a new annotation has no review log yet

    @admin.display(description="quote")
    def short_quote(self, obj: Annotation) -> str:
        return obj.quote if len(obj.quote) <= 80 else obj.quote[:77] + "..."

    def get_readonly_fields(self, request: HttpRequest, obj: Annotation | None = None) -> tuple[str, ...]:
        if obj is None:
            return (*_ALWAYS_READONLY, "anchor_state")
        # Machine spans belong to their detector (re-runs upsert on them); the article never moves.
        # An orphan's span is editable whatever its origin: that is how it is re-attached by hand.
        if obj.anchor_state == AnchorState.ORPHANED:
            fixed: tuple[str, ...] = ("article", "quote") if obj.origin == Origin.MACHINE else ("article",)
        else:
            fixed = ("article", *_MACHINE_READONLY) if obj.origin == Origin.MACHINE else ("article",)
        return (*fixed, *_ALWAYS_READONLY, "anchor_state")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if "quote" in form.base_fields:
            quote = form.base_fields["quote"]
            assert isinstance(quote, forms.CharField)  # Annotation.quote is a TextField
            quote.required = False
            quote.strip = False
            quote.help_text = "Optional: filled from the body; when given it must match body[start:end]."
        return form

    def service_save(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> Annotation:
        data = form.cleaned_data
        if original is None:
            try:
                return self._create(request, data)
            except DuplicateAnnotationError as exc:
                raise _with_link(exc) from exc
        try:
            return self._update(request, form, original)
        except DuplicateAnnotationError as exc:
            raise _with_link(exc) from exc

    def _create(self, request: HttpRequest, data: dict[str, Any]) -> Annotation:
        return annotation_create(
            article=data["article"],
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            quote=data.get("quote") or None,
            comment=data.get("comment", ""),
            suggestion=data.get("suggestion"),
            reason=data.get("reason", ""),
            source=data.get("source"),
            vague_source=data.get("vague_source", ""),
            evidence_factcheck=data.get("evidence_factcheck"),
            evidence_annotation=data.get("evidence_annotation"),
            status=data.get("status") or ReviewStatus.OPEN,
            created_by=request.user,
        )

    def _update(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> Annotation:
        assert isinstance(original, Annotation)
        changes = self.changed_values(form, ANNOTATION_EDITABLE_FIELDS | REVIEW_FIELDS)
        if "quote" in changes and not changes["quote"]:
            changes.pop("quote")
        if not changes:
            return original
        expected = self.expected_version(form)
        if original.anchor_state == AnchorState.ORPHANED and ("start" in changes or "end" in changes):
            start, end = changes.pop("start", original.start), changes.pop("end", original.end)
            changes.pop("quote", None)
            original = annotation_reattach(
                annotation=original, start=start, end=end, changed_by=request.user, expected_version=expected
            )
            expected = original.version
        if not changes:
            return original
        return annotation_update(annotation=original, changed_by=request.user, expected_version=expected, **changes)

    def service_delete(self, request: HttpRequest, obj: Annotation) -> None:  # type: ignore[override]
        annotation_delete(annotation=obj, deleted_by=request.user)


def _with_link(exc: DuplicateAnnotationError) -> ValidationError:
    """The duplicate refusal as a form error that links to the annotation already there."""
    url = reverse("admin:annotations_annotation_change", args=[exc.existing_id])
    return ValidationError(
        format_html('{} <a href="{}">Open annotation {}</a>.', exc.messages[0], url, exc.existing_id),
        code="duplicate_annotation",
    )
