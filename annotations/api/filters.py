"""One FilterSet per resource. Unknown choice values answer 400 (django-filter validates them)."""

from __future__ import annotations

import django_filters

from annotations.models import (
    AnalysisState,
    Article,
)
from config.filtersets import ColumnChoiceFilter, FilterSet, UTCIsoDateTimeFromToRangeFilter


class ArticleFilter(FilterSet):
    analysis_state = ColumnChoiceFilter(choices=AnalysisState.choices)
    outlet = django_filters.NumberFilter(field_name="outlet_id", help_text="Source id of the outlet.")
    published_at = UTCIsoDateTimeFromToRangeFilter(help_text="Use published_at_after / published_at_before (ISO 8601).")
    created_at = UTCIsoDateTimeFromToRangeFilter(help_text="Use created_at_after / created_at_before.")
    language = django_filters.CharFilter()
    url = django_filters.CharFilter()

    class Meta:
        model = Article
        fields = ["analysis_state", "outlet", "published_at", "created_at", "language", "url"]
