"""The annotated-text view: an article's body with its annotations as escaped, kind-coloured highlights."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from annotations import policies
from annotations.models import (
    Annotation,
    AnnotationKind,
    Article,
    UnverifiedReason,
)

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
    elif annotation.vague_source:
        parts.append(f"unnamed source: {annotation.vague_source}")
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
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = sorted(
            (a for a in spans if a.start <= left and right <= a.end), key=lambda a: (a.start, -a.end, a.pk or 0)
        )
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
        {
            "segments": annotated_segments(article.body, annotations),
            "legend": legend,
            "total": len(annotations),
            "language": article.language,
            "analysis_notice": article.analysis_notice,
        },
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
        "source_kinds": source_kind_choices(),
    }


def source_kind_choices() -> list[dict[str, str]]:
    """The kinds a new source may have, for the panel's "Create source" (read from the Source model,
    which annotations/ names only by string). Unnamed speakers are no Source: they are labels."""
    source_model: Any = Annotation._meta.get_field("source").related_model
    kind = source_model._meta.get_field("kind")
    return [{"value": str(value), "label": str(label)} for value, label in kind.choices or () if value != "vague"]
