"""One FilterSet per resource. Unknown choice values answer 400 (django-filter validates them)."""
from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from annotations.models import (
    AnalysisState,
    AnchorState,
    Annotation,
    AnnotationKind,
    Article,
    Origin,
    ReviewStatus,
    UnverifiedReason,
)
from config.api.filters import ColumnChoiceFilter, FilterSet, UTCIsoDateTimeFromToRangeFilter


class ArticleFilter(FilterSet):
    analysis_state = ColumnChoiceFilter(choices=AnalysisState.choices)
    outlet = django_filters.NumberFilter(field_name="outlet_id", help_text="Source id of the outlet.")
    published_at = UTCIsoDateTimeFromToRangeFilter(
        help_text="Use published_at_after / published_at_before (ISO 8601)."
    )
    created_at = UTCIsoDateTimeFromToRangeFilter(help_text="Use created_at_after / created_at_before.")
    language = django_filters.CharFilter()
    url = django_filters.CharFilter()

    class Meta:
        model = Article
        fields = ["analysis_state", "outlet", "published_at", "created_at", "language", "url"]


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
            "article", "kind", "status", "origin", "reason", "source", "detector", "min_confidence", "created_by",
            "anchor_state",
        ]

    def filter_detector(self, queryset: QuerySet[Annotation], name: str, value: str) -> QuerySet[Annotation]:
        if "@" in value:
            return queryset.filter(detector=value)
        return queryset.filter(detector__startswith=f"{value}@")
