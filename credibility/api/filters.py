"""One FilterSet per resource."""

from __future__ import annotations

import django_filters

from config.filtersets import ColumnChoiceFilter, FilterSet, UTCIsoDateTimeFromToRangeFilter
from credibility.models import AnalysisRun, FactCheck, RunState, Source, SourceKind, Verdict


class SourceFilter(FilterSet):
    kind = ColumnChoiceFilter(choices=SourceKind.choices)
    domain = django_filters.CharFilter(lookup_expr="iexact")
    min_rating = django_filters.NumberFilter(field_name="rating", lookup_expr="gte")
    max_rating = django_filters.NumberFilter(field_name="rating", lookup_expr="lte")
    rated = django_filters.BooleanFilter(field_name="rating", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Source
        fields = ["kind", "domain", "min_rating", "max_rating", "rated"]


class FactCheckFilter(FilterSet):
    verdict = ColumnChoiceFilter(choices=Verdict.choices)
    publisher = django_filters.CharFilter(lookup_expr="icontains")
    claimant = django_filters.CharFilter(lookup_expr="icontains")
    review_date = django_filters.DateFromToRangeFilter(help_text="Use review_date_after / review_date_before.")
    identifier = django_filters.CharFilter()
    url = django_filters.CharFilter()

    class Meta:
        model = FactCheck
        fields = ["verdict", "publisher", "claimant", "review_date", "identifier", "url"]


class AnalysisRunFilter(FilterSet):
    article = django_filters.NumberFilter(field_name="article_id")
    state = ColumnChoiceFilter(choices=RunState.choices)
    created_at = UTCIsoDateTimeFromToRangeFilter(help_text="Use created_at_after / created_at_before.")

    class Meta:
        model = AnalysisRun
        fields = ["article", "state", "created_at"]
