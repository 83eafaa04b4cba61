"""One FilterSet per resource."""
from __future__ import annotations

import django_filters

from credibility.models import AnalysisRun, FactCheck, RunState, Source, SourceKind, Verdict


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices)
    domain = django_filters.CharFilter(lookup_expr="iexact")
    min_rating = django_filters.NumberFilter(field_name="rating", lookup_expr="gte")
    max_rating = django_filters.NumberFilter(field_name="rating", lookup_expr="lte")
    rated = django_filters.BooleanFilter(field_name="rating", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Source
        fields = ["kind", "domain", "min_rating", "max_rating", "rated"]


class FactCheckFilter(django_filters.FilterSet):
    verdict = django_filters.MultipleChoiceFilter(choices=Verdict.choices)
    publisher = django_filters.CharFilter(lookup_expr="icontains")
    claimant = django_filters.CharFilter(lookup_expr="icontains")
    review_date = django_filters.DateFromToRangeFilter(help_text="Use review_date_after / review_date_before.")
    identifier = django_filters.CharFilter()
    url = django_filters.CharFilter()

    class Meta:
        model = FactCheck
        fields = ["verdict", "publisher", "claimant", "review_date", "identifier", "url"]


class AnalysisRunFilter(django_filters.FilterSet):
    article = django_filters.NumberFilter(field_name="article_id")
    state = django_filters.MultipleChoiceFilter(choices=RunState.choices)
    created_at = django_filters.IsoDateTimeFromToRangeFilter(help_text="Use created_at_after / created_at_before.")

    class Meta:
        model = AnalysisRun
        fields = ["article", "state", "created_at"]
