"""The annotated-text view: an article's body with its annotations as escaped, kind-coloured highlights."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from annotations import policies
from annotations.models import (
    AnchorState,
    Annotation,
    AnnotationKind,
    Article,
    Origin,
    ReviewStatus,
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
    One sweep over the cut points (spans enter at their start, leave at their end), so a long
    article with a thousand flags costs O(cuts x depth), not O(cuts x annotations).
    """
    spans = sorted(
        (a for a in annotations if 0 <= a.start < a.end <= len(body)), key=lambda a: (a.start, -a.end, a.pk or 0)
    )
    cuts = sorted({0, len(body), *(a.start for a in spans), *(a.end for a in spans)})
    segments = []
    active: list[Annotation] = []  # the spans covering the current segment, in (start, -end, pk) order
    described: dict[int, str] = {}
    entering = 0
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [a for a in active if a.end > left]
        while entering < len(spans) and spans[entering].start <= left:
            active.append(spans[entering])
            entering += 1
        covering = active  # already sorted: spans enter in (start, -end, pk) order
        kinds = tuple(dict.fromkeys(a.kind for a in covering))
        titles = []
        for a in covering:
            if id(a) not in described:
                described[id(a)] = _describe(a)
            titles.append(described[id(a)])
        segments.append(
            Segment(
                text=body[left:right],
                kinds=kinds,
                title="\n".join(titles),
                start=left,
                ids=tuple(a.pk for a in covering if a.pk is not None),
            )
        )
    return segments


def segments_html(segments: Iterable[Segment]) -> SafeString:
    """The segments as HTML, every text and attribute escaped (``django.utils.html.escape``).

    Built in Python rather than by a template loop: a 150,000-character article has some two thousand
    segments, and the template engine spent most of the page's time on them. The markup is the one
    annotator.js expects: span.seg[data-start][data-ids] around one span.hl per covering kind, the
    innermost carrying the tooltip. No newlines: the container preserves whitespace.
    """
    parts: list[str] = []
    for seg in segments:
        ids = f' data-ids="{" ".join(str(i) for i in seg.ids)}"' if seg.ids else ""
        parts.append(f'<span class="seg" data-start="{seg.start}"{ids}>')
        if seg.kinds:
            last = len(seg.kinds) - 1
            for index, kind in enumerate(seg.kinds):
                extra = (
                    f' title="{escape(seg.title)}" data-kinds="{escape(" ".join(seg.kinds))}"' if index == last else ""
                )
                parts.append(f'<span class="hl hl-{escape(kind)}"{extra}>')
            parts.append(escape(seg.text))
            parts.append("</span>" * len(seg.kinds))
        else:
            parts.append(escape(seg.text))
        parts.append("</span>")
    return mark_safe("".join(parts))  # every piece above is escaped, or a number


def annotated_text_html(article: Article) -> SafeString:
    """The body with highlights and a legend. Rendered by an autoescaping template: no body text is trusted.

    The legend counts what is drawn: an orphaned annotation (lost in an edit) has no place in the text.
    """
    annotations = list(article.annotations.select_related("source", "evidence_factcheck")) if article.pk else []
    drawn = [a for a in annotations if a.anchor_state != AnchorState.ORPHANED]
    counts = {kind: 0 for kind in KIND_COLOURS}
    for annotation in drawn:
        counts[annotation.kind] = counts.get(annotation.kind, 0) + 1
    legend = [
        {"kind": kind, "label": AnnotationKind(kind).label, "colour": colour, "count": counts.get(kind, 0)}
        for kind, colour in KIND_COLOURS.items()
    ]
    return render_to_string(
        "admin/annotations/article/annotated_text.html",
        {
            "segments_html": segments_html(annotated_segments(article.body, drawn)),
            "legend": legend,
            "total": len(annotations),
            "language": article.language or "",
            "analysis_notice": article.analysis_notice,
        },
    )


def workspace_html(article: Article) -> SafeString:
    """The article workspace: the annotated text beside the flag list (filled in by workspace.js)."""
    return render_to_string(
        "admin/annotations/article/workspace.html", {"annotated_text": annotated_text_html(article)}
    )


# The reason of an unverified claim in words, for the flag list (the labels alone say little to a new reviewer).
REASON_DESCRIPTIONS: dict[str, str] = {
    UnverifiedReason.UNSOURCED: "No source is named for this claim.",
    UnverifiedReason.VAGUE_SOURCE: "Attributed only to a vague source, such as \u201cofficials say\u201d.",
    UnverifiedReason.HEDGED: "Said with \u201creportedly\u201d or \u201cmay\u201d: the article does not stand behind it.",
}


def _apply_url_template() -> str:
    """The address of ``POST /annotations/{id}/apply/`` with ``{id}`` left in, for the workspace's apply key."""
    return reverse("annotation-apply", args=[0]).replace("/0/", "/{id}/")


def annotator_config(*, request: HttpRequest, article: Article) -> dict[str, Any]:
    """What annotator.js and workspace.js need: the API addresses and what this user may do (the API checks again)."""
    user = request.user
    return {
        "article": article.pk,
        "language": article.language or "",
        "api": {
            "article": reverse("article-detail", args=[article.pk]),
            "annotations": reverse("annotation-list"),
            "sources": reverse("source-list"),
            "factchecks": reverse("factcheck-list"),
            "apply": _apply_url_template(),
            "apply_bulk": reverse("annotation-apply-bulk"),
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
        "reasons": [
            {"value": value, "label": label, "description": REASON_DESCRIPTIONS.get(value, "")}
            for value, label in UnverifiedReason.choices
        ],
        "statuses": [{"value": value, "label": label} for value, label in ReviewStatus.choices],
        "origins": [{"value": value, "label": label} for value, label in Origin.choices],
        "source_kinds": source_kind_choices(),
    }


def source_kind_choices() -> list[dict[str, str]]:
    """The kinds a new source may have, for the panel's "Create source" (read from the Source model,
    which annotations/ names only by string). Unnamed speakers are no Source: they are labels."""
    source_model: Any = Annotation._meta.get_field("source").related_model
    kind = source_model._meta.get_field("kind")
    return [{"value": str(value), "label": str(label)} for value, label in kind.choices or () if value != "vague"]
