"""The flagged-claim report: every unverified and contradicted claim with its evidence, for reviewers.

Reads annotations through ``annotations.selectors`` (via ``credibility.selectors``); decisions are
taken at ``POST /api/v1/annotations/{id}/review/``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.models import Annotation
from config.api.filters import DjangoFilterBackend
from config.api.pagination import StandardPagination
from credibility.api.renderers import CSVRenderer
from credibility.api.serializers import FlaggedClaimSerializer, FlaggedClaimSummarySerializer
from credibility.formats.flagged_claims import FLAGGED_CLAIM_CSV_COLUMNS, flagged_claim_csv_record
from credibility.selectors import (
    FlaggedClaimCountFilter,
    FlaggedClaimFilter,
    flagged_claim_list,
    flagged_claim_rows,
    flagged_claim_summary,
    report_analysis_notices,
)

SUMMARY_CSV_COLUMNS = ("group", "key", "open", "reviewed", "confirmed", "dismissed", "resolved", "total")
FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=["json", "csv"], description="csv: the whole report, unpaginated."
)
BOM_PARAMETER = OpenApiParameter(
    "bom",
    bool,
    description="With format=csv: start the file with a UTF-8 byte order mark, so spreadsheet programs read "
    "it as UTF-8 (the admin's download links set it).",
)


HELD_BACK_HEADER = "X-Held-Back"


class FlaggedClaimReportPagination(StandardPagination):
    """The standard page plus ``held_back``: the matching flags the per-article budget left out."""

    held_back = 0
    analysis_notices: dict[str, Any] | None = None

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["held_back"] = self.held_back
        response.data["analysis_notices"] = self.analysis_notices or {"count": 0, "articles": []}
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["held_back"] = {
            "type": "integer",
            "description": (
                "Low-value flags (open unverified claims scored below the project's threshold) matching the "
                "filters that the per-article budget (the article's low_value_flag_limit) left out of the "
                "report; 0 with show_all=true. Also sent as the X-Held-Back header."
            ),
            "example": 0,
        }
        paginated["properties"]["analysis_notices"] = {
            "type": "object",
            "description": (
                "Articles (narrowed by the article and outlet filters) whose analysis could not run every "
                "detector, e.g. because the detectors do not support their language: no flags from them does "
                "not mean nothing to flag. count covers all; articles lists the newest 20."
            ),
            "properties": {
                "count": {"type": "integer"},
                "articles": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "integer"},
                            "title": {"type": "string"},
                            "language": {"type": "string"},
                            "notice": {"type": "string"},
                        },
                    },
                },
            },
        }
        paginated["required"] = [*paginated["required"], "held_back", "analysis_notices"]
        return paginated


class FlaggedClaimReportViewSet(viewsets.GenericViewSet):
    """Flagged claims, most check-worthy first; JSON (paginated) or CSV (``?format=csv``, every matching row).

    Unless ``?show_all=true``, each article shows at most its ``low_value_flag_limit`` low-value
    flags; the JSON page's ``held_back`` (and the ``X-Held-Back`` header, CSV included) says how
    many matching flags that left out.
    """

    serializer_class = FlaggedClaimSerializer
    pagination_class = FlaggedClaimReportPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    queryset = Annotation.objects.none()

    @property
    def filterset_class(self) -> type[FlaggedClaimFilter]:
        return FlaggedClaimCountFilter if getattr(self, "action", None) == "summary" else FlaggedClaimFilter

    def get_queryset(self) -> QuerySet[Annotation]:
        return flagged_claim_list()

    def _report(self) -> FlaggedClaimFilter:
        """The filtered report, kept (not just its queryset) for the number of flags it held back."""
        filterset = DjangoFilterBackend().get_filterset(self.request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset

    @extend_schema(summary="The flagged-claim report", parameters=[FORMAT_PARAMETER, BOM_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        report = self._report()
        queryset = report.qs
        if request.accepted_renderer.format == "csv":
            rows = flagged_claim_rows(annotations=queryset)
            response = Response([flagged_claim_csv_record(row) for row in rows])
            response["Content-Disposition"] = 'attachment; filename="flagged-claims.csv"'
            response[HELD_BACK_HEADER] = str(report.held_back)
            return response
        page = self.paginate_queryset(queryset)
        rows = flagged_claim_rows(annotations=page if page is not None else queryset)
        data = self.get_serializer(rows, many=True).data
        held_back = report.held_back
        if page is None:
            response = Response(data)
        else:
            assert isinstance(self.paginator, FlaggedClaimReportPagination)
            self.paginator.held_back = held_back
            self.paginator.analysis_notices = report_analysis_notices(report)
            response = self.get_paginated_response(data)
        response[HELD_BACK_HEADER] = str(held_back)
        return response

    @extend_schema(
        summary="Flagged-claim counts by outlet, source and reason, open against reviewed",
        responses={200: FlaggedClaimSummarySerializer},
        parameters=[FORMAT_PARAMETER, BOM_PARAMETER],
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
            response = Response(rows)
            response["Content-Disposition"] = 'attachment; filename="flagged-claims-summary.csv"'
            return response
        return Response(FlaggedClaimSummarySerializer(summary).data)

    def get_csv_columns(self) -> tuple[str, ...] | None:
        return FLAGGED_CLAIM_CSV_COLUMNS if self.action == "list" else SUMMARY_CSV_COLUMNS


def _group_key(group: str, row: dict[str, Any]) -> str | None:
    if group == "by_outlet":
        return row["outlet"]["name"] if row["outlet"] else None
    if group == "by_source":
        return row["source"]["name"] if row["source"] else None
    return f"{row['kind']}/{row['reason']}" if row["reason"] else row["kind"]
