"""One FilterSet per resource."""
from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from annotations.api.filters import AnnotationFilter
from annotations.models import Annotation
from annotations.selectors import FLAGGED_CLAIM_KINDS
from config.api.filters import ColumnChoiceFilter, FilterSet, UTCIsoDateTimeFromToRangeFilter
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


class FlaggedClaimFilter(AnnotationFilter):
    """The flagged-claim report's filters, shared by the API, the admin page and ``flag_report``."""

    kind = ColumnChoiceFilter(
        choices=[(k.value, k.label) for k in FLAGGED_CLAIM_KINDS], help_text="unverified_claim and/or contradicted_claim."
    )
    outlet = django_filters.NumberFilter(field_name="article__outlet_id", help_text="Source id of the article's outlet.")
    assignee = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.all(), null_value="none", null_label="Unassigned",
        help_text='User id, or "none" for unassigned flags.',
    )
    created = django_filters.DateFromToRangeFilter(
        field_name="created_at", help_text="Use created_after / created_before (dates, inclusive)."
    )
    ordering = django_filters.OrderingFilter(
        fields=(("created_at", "created"), ("confidence", "confidence"), ("article__outlet__name", "outlet")),
        help_text="created, confidence or outlet; prefix - for descending. Default: newest first.",
    )

    class Meta:
        model = Annotation
        fields = [
            "status", "kind", "reason", "source", "outlet", "article", "detector", "assignee", "created",
            "min_confidence", "origin",
        ]

    def filter_queryset(self, queryset: QuerySet[Annotation]) -> QuerySet[Annotation]:
        queryset = super().filter_queryset(queryset)
        # A stable order whatever was asked: ties (same outlet, same confidence) newest first.
        ordering = list(queryset.query.order_by) or ["-created_at"]
        return queryset.order_by(*ordering, "-id") if "-id" not in ordering and "id" not in ordering else queryset
