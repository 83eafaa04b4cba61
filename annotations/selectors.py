"""Reads for articles and annotations, with the joins each view needs chosen here."""

from __future__ import annotations

from functools import cache
from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from annotations.models import (
    AnchorState,
    Annotation,
    AnnotationKind,
    Article,
    ArticleRevision,
    Origin,
    ReviewLog,
    ReviewStatus,
    UnverifiedReason,
)
from config.filtersets import ColumnChoiceFilter, FilterSet

ANNOTATION_RELATED = ("source", "evidence_factcheck", "evidence_annotation", "created_by", "reviewer")

# The columns of the related rows that the annotation read shape (AnnotationSerializer) embeds;
# users are shown by id only, so they are not joined at all.
ANNOTATION_READ_RELATED_FIELDS = (
    "source__name",
    "source__kind",
    "evidence_factcheck__identifier",
    "evidence_factcheck__url",
    "evidence_factcheck__claim_reviewed",
    "evidence_factcheck__rating_label",
    "evidence_factcheck__verdict",
    "evidence_annotation__article_id",
    "evidence_annotation__quote",
)


def annotation_list() -> QuerySet[Annotation]:
    """Annotations with every relation joined whole: for the write paths, which hand rows to services."""
    return Annotation.objects.select_related(*ANNOTATION_RELATED)


def annotation_read_rows() -> QuerySet[Any]:
    """The same columns as ``annotation_read_list()``, as dicts (``values()``): for lists and embeds.

    Keys are the own columns' attnames (``article_id``, ``source_id`` ...) and the joined columns'
    lookups (``source__name`` ...). Rows cost about a third less than model instances to fetch,
    which is most of an article with 200 annotations; ``AnnotationSerializer`` presents both alike.
    Each call clones one unevaluated queryset built once: resolving the 38 columns and their
    joins took longer than cloning the result.
    """
    return _annotation_read_rows_base().all()


@cache
def _annotation_read_rows_base() -> QuerySet[Any]:
    """Never evaluated: only cloned (``.all()``), so its query is never mutated or cached."""
    own = [field.attname for field in Annotation._meta.concrete_fields]
    return Annotation.objects.values(*own, *ANNOTATION_READ_RELATED_FIELDS)


def article_annotation_rows(*, article: Article) -> list[dict[str, Any]]:
    """The article's annotations as ``annotation_read_rows()``, in text order (one query)."""
    return list(annotation_read_rows().filter(article_id=article.pk).order_by("start", "end", "id"))


def annotation_read_list() -> QuerySet[Annotation]:
    """Annotations as the API reads them: every own column, and of the joined rows only what is shown.

    Joining users, a source's scoring columns or a fact-check's ``raw`` record would only widen
    every row (and the planner's work) for values the read shape never prints. Anything else read
    from a related row costs a query per row, which the query-count tests catch.
    """
    own = [field.attname for field in Annotation._meta.concrete_fields]
    return Annotation.objects.select_related("source", "evidence_factcheck", "evidence_annotation").only(
        *own, *ANNOTATION_READ_RELATED_FIELDS
    )


def article_list(*, with_counts: bool = False) -> QuerySet[Article]:
    """Articles with their outlet; ``with_counts`` adds ``annotation_count`` (one grouped query)."""
    queryset = Article.objects.select_related("outlet")
    if with_counts:
        queryset = queryset.annotate(annotation_count=Count("annotations"))
    return queryset


def article_detail_list(*, with_counts: bool = False) -> QuerySet[Article]:
    """Articles with their annotations (and everything those embed) prefetched."""
    return article_list(with_counts=with_counts).prefetch_related(
        Prefetch("annotations", queryset=annotation_read_list().order_by("start", "end", "id"))
    )


def article_version_get(*, article_id: int) -> int | None:
    """The article's current version (its ETag), or None when it is gone: what ``If-Match`` is checked against."""
    return Article.objects.filter(pk=article_id).values_list("version", flat=True).first()


def annotation_article_ids(*, annotation_ids: list[int]) -> set[int]:
    """The articles the given annotations belong to (unknown ids are left out)."""
    return set(Annotation.objects.filter(pk__in=annotation_ids).values_list("article_id", flat=True).distinct())


def article_revision_list(*, article: Article) -> QuerySet[ArticleRevision]:
    return ArticleRevision.objects.filter(article=article).select_related("author").order_by("number")


def review_log_list(*, annotation: Annotation) -> QuerySet[ReviewLog]:
    return ReviewLog.objects.filter(annotation=annotation).select_related("reviewer").order_by("created_at", "id")


FLAGGED_CLAIM_KINDS = (AnnotationKind.UNVERIFIED_CLAIM, AnnotationKind.CONTRADICTED_CLAIM)


def flagged_claim_annotation_list() -> QuerySet[Annotation]:
    """Unverified and contradicted claims, and orphans of every kind, newest first, joins chosen.

    Orphans (``anchor_state=orphaned``: an edit left no confident match) are listed whatever their
    kind so a reviewer can re-attach them. Article bodies come along (the report cuts each flag's
    sentence out of them), as do the other article of article-against-article evidence.
    """
    return (
        Annotation.objects.filter(Q(kind__in=FLAGGED_CLAIM_KINDS) | Q(anchor_state=AnchorState.ORPHANED))
        .select_related(
            "article",
            "article__outlet",
            "source",
            "evidence_factcheck",
            "evidence_annotation",
            "evidence_annotation__article",
            "assignee",
            "reviewer",
        )
        .order_by("-created_at", "-id")
    )


def detector_scoreboard() -> list[dict[str, Any]]:
    """One row per machine detector@version with its review outcomes (one grouped query).

    ``precision`` counts resolved flags as correct (they were confirmed, then the article was
    fixed): (confirmed + resolved) / (confirmed + resolved + dismissed), None when nothing was decided.
    """
    rows = (
        Annotation.objects.filter(origin=Origin.MACHINE)
        .exclude(detector="")
        .values("detector")
        .annotate(
            open=Count("id", filter=Q(status=ReviewStatus.OPEN)),
            confirmed=Count("id", filter=Q(status=ReviewStatus.CONFIRMED)),
            dismissed=Count("id", filter=Q(status=ReviewStatus.DISMISSED)),
            resolved=Count("id", filter=Q(status=ReviewStatus.RESOLVED)),
            total=Count("id"),
        )
        .order_by("detector")
    )
    board = []
    for row in rows:
        name, _, version = row["detector"].partition("@")
        correct = row["confirmed"] + row["resolved"]
        decided = correct + row["dismissed"]
        board.append(
            {
                **row,
                "name": name,
                "version": version,
                "reviewed": decided,
                "precision": round(correct / decided, 4) if decided else None,
            }
        )
    return board


class AnnotationFilter(FilterSet):
    article = django_filters.NumberFilter(field_name="article_id")
    kind = ColumnChoiceFilter(choices=AnnotationKind.choices)
    status = ColumnChoiceFilter(choices=ReviewStatus.choices)
    origin = django_filters.ChoiceFilter(choices=Origin.choices)
    reason = django_filters.ChoiceFilter(choices=UnverifiedReason.choices)
    source = django_filters.NumberFilter(field_name="source_id", help_text="Source id.")
    detector = django_filters.CharFilter(
        method="filter_detector", help_text='"name@version" matches exactly; a bare "name" matches every version.'
    )
    min_confidence = django_filters.NumberFilter(field_name="confidence", lookup_expr="gte")
    created_by = django_filters.NumberFilter(field_name="created_by_id")
    anchor_state = ColumnChoiceFilter(
        choices=AnchorState.choices, help_text="anchored, moved or orphaned (orphans await re-attaching)."
    )

    class Meta:
        model = Annotation
        fields = [
            "article",
            "kind",
            "status",
            "origin",
            "reason",
            "source",
            "detector",
            "min_confidence",
            "created_by",
            "anchor_state",
        ]

    def filter_detector(self, queryset: QuerySet[Annotation], name: str, value: str) -> QuerySet[Annotation]:
        if "@" in value:
            return queryset.filter(detector=value)
        return queryset.filter(detector__startswith=f"{value}@")


def article_review_history(*, article_id: int) -> dict[int, list[dict[str, Any]]]:
    """Every annotation's review log on the article, oldest first, keyed by annotation id (one query)."""
    history: dict[int, list[dict[str, Any]]] = {}
    rows = (
        ReviewLog.objects.filter(annotation__article_id=article_id)
        .order_by("annotation_id", "created_at", "id")
        .values("annotation_id", "from_status", "to_status", "decision", "note", "reviewer_name", "created_at")
    )
    for row in rows:
        entry: dict[str, Any] = dict(row)
        history.setdefault(entry.pop("annotation_id"), []).append(entry)
    return history


def user_names(*, user_ids: Any) -> dict[int, str]:
    """Usernames by id (one query): exports name people by their natural key, not this deployment's ids."""
    wanted = {pk for pk in user_ids if pk is not None}
    if not wanted:
        return {}
    model = get_user_model()
    return {pk: name for pk, name in model.objects.filter(pk__in=wanted).values_list("pk", model.USERNAME_FIELD)}
