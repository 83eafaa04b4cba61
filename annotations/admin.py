"""Admin for articles and annotations. Every write goes through ``annotations.services``.

Service validation surfaces as form errors: ``ServiceAdmin`` runs the service call once inside a
savepoint that is always rolled back while the form is cleaned (any ValidationError becomes a
form error, on_commit callbacks of the rolled-back savepoint are discarded), and once for real
in ``save_model``. Both calls share one code path, so the admin can never accept what the API
would refuse.

Other apps extend the article admin without annotations/ importing them: credibility/admin.py
calls ``ArticleAdmin.add_action`` to register "Re-run analysis".
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

from annotations import policies
from annotations.models import (
    AnchorState, AnnotationKind, Annotation, Article, Origin, ReviewLog, ReviewStatus, UnverifiedReason,
)
from annotations.services.annotations import (
    ANNOTATION_EDITABLE_FIELDS,
    REVIEW_FIELDS,
    annotation_create,
    annotation_delete,
    annotation_reattach,
    annotation_update,
)
from annotations.services.articles import ARTICLE_EDITABLE_FIELDS, article_create, article_delete, article_update


class _DryRun(Exception):
    """Raised to roll back the validation savepoint."""


def _copy_fields(target: models.Model, source: models.Model) -> None:
    """Make the admin's in-memory object the row the service wrote (pk included, for inlines and logs)."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db


def _add_service_errors(form: ModelForm, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc) or "You may not make this change.")
        return
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        if target is None and field != NON_FIELD_ERRORS:
            errors = [ValidationError(f"{field}: {message}") for e in errors for message in e.messages]
        form.add_error(target, errors)


def _messages(exc: ValidationError | PermissionDenied) -> list[str]:
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc) or "Permission denied."]


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes call a service (see the module docstring)."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def service_save(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> models.Model:
        """Create (``original`` is None) or update ``original`` from ``form.cleaned_data``; return the row."""
        raise NotImplementedError

    def service_delete(self, request: HttpRequest, obj: models.Model) -> None:
        obj.delete()

    @staticmethod
    def changed_values(form: ModelForm, allowed: Iterable[str]) -> dict[str, Any]:
        allowed = set(allowed)
        return {name: form.cleaned_data[name] for name in form.changed_data if name in allowed and name in form.cleaned_data}

    def _original(self, form: ModelForm) -> models.Model | None:
        pk = form.instance.pk
        return None if pk is None else type(form.instance)._default_manager.get(pk=pk)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        base = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceValidatedForm(base):  # type: ignore[valid-type, misc]
            def clean(self) -> dict[str, Any]:
                cleaned = super().clean()
                if not self.errors:
                    try:
                        with transaction.atomic():
                            model_admin.service_save(request, self, model_admin._original(self))
                            raise _DryRun
                    except _DryRun:
                        pass
                    except (ValidationError, PermissionDenied) as exc:
                        _add_service_errors(self, exc)
                return cleaned

        ServiceValidatedForm.__name__ = base.__name__
        return ServiceValidatedForm

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        saved = self.service_save(request, form, self._original(form) if change else None)
        _copy_fields(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.service_delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.service_delete(request, obj)


class VersionedForm(ModelForm):
    """Carries the version the editor loaded, so a save never overwrites a change made meanwhile."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionedServiceAdmin(SimpleHistoryAdmin, ServiceAdmin):
    """A ServiceAdmin for versioned models (articles, annotations), with their history pages.

    The change form holds the version it was rendered from (hidden ``loaded_version``); the
    service refuses a save against any other version, and the refusal is a form error.
    """

    form = VersionedForm

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and fieldsets:
            name, options = fieldsets[-1]
            fieldsets[-1] = (name, {**options, "fields": (*options["fields"], "loaded_version")})
        return fieldsets

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "loaded_version" in form.base_fields:
            form.base_fields["loaded_version"].initial = obj.version
        return form

    @staticmethod
    def expected_version(form: ModelForm) -> int:
        version = form.cleaned_data.get("loaded_version")
        if version is None:
            raise ValidationError("This form does not say which version it edits; reload the page and make your change again.")
        return int(version)


# --- The annotated-text view ------------------------------------------------------------------

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies); the CSS in
# static/annotations/admin.css uses the same values, keyed by kind.
KIND_COLOURS: dict[str, str] = {
    AnnotationKind.TYPO: "#D55E00",  # vermillion
    AnnotationKind.UNVERIFIED_CLAIM: "#E69F00",  # orange
    AnnotationKind.SOURCE_ATTRIBUTION: "#0072B2",  # blue
    AnnotationKind.CONTRADICTED_CLAIM: "#CC79A7",  # reddish purple
    AnnotationKind.NOTE: "#009E73",  # bluish green
}


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kinds: tuple[str, ...]
    title: str
    start: int = 0  # code-point offset of ``text`` in the body (the annotator maps selections by it)
    ids: tuple[int, ...] = ()


def _describe(annotation: Annotation) -> str:
    parts = [annotation.get_kind_display()]
    if annotation.reason:
        parts.append(f"reason: {annotation.get_reason_display()}")
    if annotation.suggestion is not None:
        parts.append(f"suggestion: {annotation.suggestion!r}")
    if annotation.source_id is not None:
        source = annotation.source
        rating = getattr(source, "rating", None)
        parts.append(f"source: {source}" + (f" (rating {rating})" if rating is not None else ""))
    if annotation.evidence_factcheck_id is not None:
        parts.append(f"evidence: {annotation.evidence_factcheck}")
    if annotation.evidence_annotation_id is not None:
        parts.append(f"evidence: annotation {annotation.evidence_annotation_id}")
    parts.append(f"{annotation.get_origin_display()}{' ' + annotation.detector if annotation.detector else ''}")
    parts.append(f"status: {annotation.get_status_display()}")
    if annotation.comment:
        parts.append(f"comment: {annotation.comment}")
    if annotation.explanation:
        parts.append(annotation.explanation)
    return " · ".join(parts)


def annotated_segments(body: str, annotations: Iterable[Annotation]) -> list[Segment]:
    """Split ``body`` at every annotation boundary; each segment carries the kinds covering it.

    Overlapping and nested spans need no special case: a segment lies wholly inside or wholly
    outside every span. Spans that no longer fit the body are ignored rather than mis-drawn.
    """
    spans = [a for a in annotations if 0 <= a.start < a.end <= len(body)]
    cuts = sorted({0, len(body), *(a.start for a in spans), *(a.end for a in spans)})
    segments = []
    for left, right in zip(cuts, cuts[1:]):
        covering = sorted((a for a in spans if a.start <= left and right <= a.end), key=lambda a: (a.start, -a.end, a.pk or 0))
        kinds = tuple(dict.fromkeys(a.kind for a in covering))
        segments.append(
            Segment(
                text=body[left:right],
                kinds=kinds,
                title="\n".join(_describe(a) for a in covering),
                start=left,
                ids=tuple(a.pk for a in covering if a.pk is not None),
            )
        )
    return segments


def annotated_text_html(article: Article) -> SafeString:
    """The body with highlights and a legend. Rendered by an autoescaping template: no body text is trusted."""
    annotations = list(article.annotations.select_related("source", "evidence_factcheck")) if article.pk else []
    counts = {kind: 0 for kind in KIND_COLOURS}
    for annotation in annotations:
        counts[annotation.kind] = counts.get(annotation.kind, 0) + 1
    legend = [
        {"kind": kind, "label": AnnotationKind(kind).label, "colour": colour, "count": counts.get(kind, 0)}
        for kind, colour in KIND_COLOURS.items()
    ]
    return render_to_string(
        "admin/annotations/article/annotated_text.html",
        {"segments": annotated_segments(article.body, annotations), "legend": legend, "total": len(annotations)},
    )


def annotator_config(*, request: HttpRequest, article: Article) -> dict[str, Any]:
    """What annotator.js needs: the API addresses and what this user may do (the API checks again)."""
    user = request.user
    return {
        "article": article.pk,
        "api": {
            "article": reverse("article-detail", args=[article.pk]),
            "annotations": reverse("annotation-list"),
            "sources": reverse("source-list"),
            "factchecks": reverse("factcheck-list"),
        },
        "user": {
            "id": user.pk,
            "can_annotate": policies.is_annotator(user),
            "can_review": policies.can_review_annotation(user),
            "can_create_sources": policies.can_manage_sources(user, "add", "source"),
            # Edit anyone's annotation: a permission, not is_staff (issue 16).
            "can_edit_any": policies.has_permission(user, policies.EDIT_ANY_PERMISSION),
        },
        "kinds": [{"value": k, "label": AnnotationKind(k).label, "colour": c} for k, c in KIND_COLOURS.items()],
        "reasons": [{"value": value, "label": label} for value, label in UnverifiedReason.choices],
    }


# --- Annotations ------------------------------------------------------------------------------

_MACHINE_READONLY = ("kind", "start", "end", "quote")
_ALWAYS_READONLY = (
    "prefix", "suffix", "origin", "detector", "rule", "explanation", "confidence",
    "reviewer", "reviewed_at", "assignee", "created_by", "created_at", "updated_at", "version",
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
        "id", "article", "kind", "short_quote", "reason", "source", "origin", "detector", "status", "anchor_state", "confidence",
    )
    list_filter = ("kind", "status", "anchor_state", "origin", "detector", "reason")
    search_fields = ("quote", "comment", "review_note", "article__title")
    list_select_related = ("article", "source")
    autocomplete_fields = ("article", "source", "evidence_annotation")
    raw_id_fields = ("evidence_factcheck",)
    inlines = (ReviewLogInline,)
    fieldsets = (
        (None, {
            "fields": ("article", "kind", "start", "end", "quote", "prefix", "suffix", "anchor_state"),
            "description": (
                "Offsets count code points (an emoji is one). An orphaned annotation lost its place in an "
                "edit: set start and end to re-attach it; its quote becomes the text there."
            ),
        }),
        ("Details", {"fields": ("comment", "suggestion", "reason", "source", "evidence_factcheck", "evidence_annotation")}),
        ("Review", {"fields": ("status", "review_note", "reviewer", "reviewed_at", "assignee")}),
        ("Provenance", {"fields": ("origin", "detector", "rule", "explanation", "confidence", "created_by", "created_at", "updated_at", "version")}),
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
            form.base_fields["quote"].required = False
            form.base_fields["quote"].strip = False
            form.base_fields["quote"].help_text = "Optional: filled from the body; when given it must match body[start:end]."
        return form

    def service_save(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> Annotation:
        data = form.cleaned_data
        if original is None:
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
                evidence_factcheck=data.get("evidence_factcheck"),
                evidence_annotation=data.get("evidence_annotation"),
                status=data.get("status") or ReviewStatus.OPEN,
                created_by=request.user,
            )
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


class AnnotationInline(admin.TabularInline):
    """The article's annotations, read-only except their review status (saved via annotation_update)."""

    model = Annotation
    fk_name = "article"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("kind", "start", "end", "quote", "reason", "suggestion", "source", "origin", "detector", "confidence", "status")
    readonly_fields = ("kind", "start", "end", "quote", "reason", "suggestion", "source", "origin", "detector", "confidence")
    ordering = ("start", "end", "id")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # New annotations are made on the annotation page (linked above the inline), where the
        # span is validated against the body.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Annotation]:
        return super().get_queryset(request).select_related("source")


# --- Articles ---------------------------------------------------------------------------------

AdminAction = Callable[[admin.ModelAdmin, HttpRequest, QuerySet[Any]], Any]


@admin.register(Article)
class ArticleAdmin(VersionedServiceAdmin):
    # Extension point: other apps append actions with ``ArticleAdmin.add_action`` (annotations/
    # cannot import them). Read per request, so actions added after registration still apply.
    actions: ClassVar[list[Any]] = []  # type: ignore[misc]

    list_display = ("title", "outlet", "analysis_state", "analyzed_at", "annotation_count", "open_flag_count", "created_at")
    list_filter = ("analysis_state", "outlet", "language")
    search_fields = ("title", "body", "url")
    list_select_related = ("outlet",)
    autocomplete_fields = ("outlet",)
    inlines = (AnnotationInline,)
    readonly_fields = (
        "annotated_text", "body_sha256", "analysis_state", "analyzed_at", "revision", "version", "created_by", "created_at",
        "updated_at",
    )
    fieldsets = (
        ("Annotated text", {"fields": ("annotated_text",)}),
        (None, {"fields": ("title", "body", "url", "outlet", "byline", "published_at", "language")}),
        ("Analysis", {"fields": (
            "analysis_state", "analyzed_at", "revision", "version", "body_sha256", "created_by", "created_at", "updated_at",
        )}),
    )

    class Media:
        css = {"all": ("annotations/admin.css", "annotations/annotator.css")}
        js = ("annotations/annotator.js",)

    @classmethod
    def add_action(cls, action: AdminAction) -> None:
        """Offer ``action`` (an ``@admin.action`` function) on the article changelist."""
        if action not in cls.actions:
            cls.actions = [*cls.actions, action]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        open_flags = Q(annotations__status=ReviewStatus.OPEN) & Q(
            annotations__kind__in=[AnnotationKind.UNVERIFIED_CLAIM, AnnotationKind.CONTRADICTED_CLAIM]
        )
        return (
            super()
            .get_queryset(request)
            .annotate(_annotation_count=Count("annotations"), _open_flag_count=Count("annotations", filter=open_flags))
        )

    @admin.display(description="annotations", ordering="_annotation_count")
    def annotation_count(self, obj: Article) -> int:
        return getattr(obj, "_annotation_count", 0)

    @admin.display(description="open flags", ordering="_open_flag_count")
    def open_flag_count(self, obj: Article) -> int:
        return getattr(obj, "_open_flag_count", 0)

    @admin.display(description="Annotated text")
    def annotated_text(self, obj: Article) -> SafeString | str:
        if obj.pk is None:
            return "Highlights appear once the article is saved and analysed."
        return annotated_text_html(obj)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type[ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        original_body = obj.body if obj is not None else None

        class ArticleForm(form):  # type: ignore[valid-type, misc]
            def clean_body(self) -> str:
                # Browsers submit textareas with CRLF line breaks; offsets index the stored body,
                # so an unchanged body must come back byte for byte and new text uses LF.
                body = self.cleaned_data["body"]
                normalized = body.replace("\r\n", "\n")
                if original_body is not None and normalized == original_body.replace("\r\n", "\n"):
                    return original_body
                return normalized

        if "body" in ArticleForm.base_fields:
            ArticleForm.base_fields["body"].strip = False
        ArticleForm.__name__ = form.__name__
        return ArticleForm

    def service_save(self, request: HttpRequest, form: ModelForm, original: models.Model | None) -> Article:
        if original is None:
            values = {name: form.cleaned_data[name] for name in ARTICLE_EDITABLE_FIELDS if name in form.cleaned_data}
            return article_create(created_by=request.user, **values)
        assert isinstance(original, Article)
        changes = self.changed_values(form, ARTICLE_EDITABLE_FIELDS)
        if "body" in changes and changes["body"] == original.body:
            changes.pop("body")
        if not changes:
            return original
        expected = self.expected_version(form)
        return article_update(article=original, changed_by=request.user, expected_version=expected, **changes)

    def service_delete(self, request: HttpRequest, obj: Article) -> None:  # type: ignore[override]
        article_delete(article=obj)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: Any, change: bool) -> None:
        if formset.model is not Annotation:
            super().save_formset(request, form, formset, change)
            return
        # What formset.save() would leave behind; the admin's change message reads them.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if inline_form.instance.pk is None or not inline_form.has_changed():
                continue
            changes = {name: inline_form.cleaned_data[name] for name in inline_form.changed_data if name in REVIEW_FIELDS}
            if not changes:
                continue
            try:
                with transaction.atomic():
                    updated = annotation_update(annotation=inline_form.instance, changed_by=request.user, **changes)
                formset.changed_objects.append((updated, list(changes)))
            except (ValidationError, PermissionDenied) as exc:
                # The article form is already saved; report the one review change that was refused.
                messages.error(request, f"Annotation {inline_form.instance.pk} not changed: {'; '.join(_messages(exc))}")

    def render_change_form(self, request: HttpRequest, context: dict[str, Any], add: bool = False, change: bool = False, form_url: str = "", obj: Any = None) -> Any:
        if obj is not None and obj.pk is not None:
            context["add_annotation_url"] = reverse("admin:annotations_annotation_add") + f"?article={obj.pk}"
            context["annotator_config"] = annotator_config(request=request, article=obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
