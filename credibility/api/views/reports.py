"""The flagged-claim report: every unverified and contradicted claim with its evidence, for reviewers.

Reads annotations through ``annotations.selectors`` (via ``credibility.selectors``); decisions are
taken at ``POST /api/v1/annotations/{id}/review/``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.models import Annotation
from credibility.api.renderers import CSVRenderer
from credibility.api.serializers import FlaggedClaimSerializer, FlaggedClaimSummarySerializer
from credibility.formats.flagged_claims import FLAGGED_CLAIM_CSV_COLUMNS, flagged_claim_csv_record
from credibility.selectors import FlaggedClaimFilter, flagged_claim_list, flagged_claim_rows, flagged_claim_summary

SUMMARY_CSV_COLUMNS = ("group", "key", "open", "reviewed", "confirmed", "dismissed", "resolved", "total")
FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"], description="csv: the whole report, unpaginated."
)


class FlaggedClaimReportViewSet(viewsets.GenericViewSet):
    """Flagged claims, newest first; JSON (paginated) or CSV (``?format=csv``, every matching row)."""

    serializer_class = FlaggedClaimSerializer
    filterset_class = FlaggedClaimFilter
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    queryset = Annotation.objects.none()

    def get_queryset(self) -> QuerySet[Annotation]:
        return flagged_claim_list()

    @extend_schema(summary="The flagged-claim report", parameters=[FORMAT_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            rows = flagged_claim_rows(annotations=queryset)
            response = Response([flagged_claim_csv_record(row) for row in rows])
            response["Content-Disposition"] = 'attachment; filename="flagged-claims.csv"'
            return response
        page = self.paginate_queryset(queryset)
        rows = flagged_claim_rows(annotations=page if page is not None else queryset)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        summary="Flagged-claim counts by outlet, source and reason, open against reviewed",
        responses={200: FlaggedClaimSummarySerializer},
        parameters=[FORMAT_PARAMETER],
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def summary(self, request: Request) -> Response:
        summary = flagged_claim_summary(annotations=self.filter_queryset(self.get_queryset()))
        if request.accepted_renderer.format == "csv":
            rows = [
                {"group": group, "key": _group_key(group, row), **{k: row[k] for k in SUMMARY_CSV_COLUMNS[2:]}}
                for group in ("by_outlet", "by_source", "by_reason")
                for row in summary[group]
            ]
            return Response(rows)
        return Response(FlaggedClaimSummarySerializer(summary).data)

    def get_csv_columns(self) -> tuple[str, ...] | None:
        return FLAGGED_CLAIM_CSV_COLUMNS if self.action == "list" else SUMMARY_CSV_COLUMNS


def _group_key(group: str, row: dict[str, Any]) -> str | None:
    if group == "by_outlet":
        return row["outlet"]["name"] if row["outlet"] else None
    if group == "by_source":
        return row["source"]["name"] if row["source"] else None
    return f"{row['kind']}/{row['reason']}" if row["reason"] else row["kind"]
