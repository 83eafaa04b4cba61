"""The fact-check registry: CRUD with history, and imports in every supported format."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.permissions import SourceManagerPermission
from config.api.history import HistoryMixin
from config.api.mixins import ServiceWriteViewSet, service_write_schema
from config.api.parsers import StrictJSONParser
from credibility.api.filters import FactCheckFilter
from credibility.api.renderers import JSONLDParser
from credibility.api.serializers import (
    FactCheckImportResultSerializer,
    FactCheckImportUploadSerializer,
    FactCheckSerializer,
    FactCheckWriteSerializer,
)
from credibility.formats import read_factchecks
from credibility.formats.claimreview import read_claimreview_json
from credibility.formats.records import RecordError
from credibility.models import FactCheck
from credibility.selectors import factcheck_list
from credibility.services.factchecks import (
    factcheck_create,
    factcheck_delete,
    factcheck_import_document,
    factcheck_update,
)


@service_write_schema(read=FactCheckSerializer, write=FactCheckWriteSerializer)
class FactCheckViewSet(HistoryMixin, ServiceWriteViewSet):
    """The fact-check registry (schema.org ClaimReview, verdict normalised to six points)."""

    serializer_class = FactCheckSerializer
    write_serializer_class = FactCheckWriteSerializer
    permission_classes = [SourceManagerPermission]
    filterset_class = FactCheckFilter
    search_fields = ["claim_reviewed", "claimant", "publisher"]
    ordering_fields = ["review_date", "claim_date", "created_at"]
    ordering = ["-review_date", "-id"]
    queryset = FactCheck.objects.none()

    def get_queryset(self) -> QuerySet[FactCheck]:
        return factcheck_list()

    def _create(self, data: dict[str, Any]) -> FactCheck:
        return factcheck_create(**data)

    def _update(self, instance: FactCheck, data: dict[str, Any]) -> FactCheck:
        return factcheck_update(factcheck=instance, **data)

    def perform_destroy(self, instance: FactCheck) -> None:
        factcheck_delete(factcheck=instance)

    @extend_schema(
        summary="Import fact-checks",
        description=(
            "Either a JSON body (a list of schema.org ClaimReview objects, one object, a JSON-LD @graph or a "
            "schema.org DataFeed), or a multipart upload: `file` plus optional `format` (auto, claimreview, "
            "datafeed, html, csv, liar; see `manage.py import_factchecks --help` for the formats and CSV "
            "columns). Records match existing ones on identifier or url, so importing twice changes nothing. "
            "Bad records are skipped and reported with their position (`position_unit`: record number, or "
            "line for CSV and LIAR); the others still go in. Recent articles are then re-checked against the "
            "created and updated fact-checks in the background. JSON bodies may be sent as application/json or "
            "application/ld+json; DataFeed elements may leave out their @type. `inLanguage` is kept as the "
            "fact-check's `language`. Our own exported reviews (their url is a claim page under "
            "CLAIMREVIEW_PUBLIC_BASE_URL or this host) are counted in `own_reviews` and never cited as "
            "evidence against the article they review."
        ),
        request={
            "application/json": {
                "description": "ClaimReview JSON: one object (a ClaimReview, a JSON-LD @graph or a DataFeed), or a list.",
                "oneOf": [
                    {"type": "object", "additionalProperties": True},
                    {"type": "array", "items": {"type": "object", "additionalProperties": True}},
                ],
            },
            "multipart/form-data": FactCheckImportUploadSerializer,
        },
        responses={200: FactCheckImportResultSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[StrictJSONParser, JSONLDParser, parsers.MultiPartParser],  # a file upload needs multipart
    )
    def import_records(self, request: Request) -> Response:
        try:
            if request.content_type.startswith("multipart/"):
                upload = FactCheckImportUploadSerializer(data=request.data)
                upload.is_valid(raise_exception=True)
                document = read_factchecks(
                    upload.validated_data["text"],
                    format=upload.validated_data["format"],
                    filename=upload.validated_data["file"].name or "",
                )
            else:
                document = read_claimreview_json(request.data)
        except RecordError as exc:
            raise exceptions.ValidationError({"detail": [str(exc)]}) from exc
        own_host = request.build_absolute_uri("/").rstrip("/")
        summary = factcheck_import_document(document=document, own_base_urls=[own_host])
        return Response(FactCheckImportResultSerializer(summary.as_dict()).data, status=status.HTTP_200_OK)
