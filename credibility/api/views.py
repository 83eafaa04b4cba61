"""Viewsets for sources, fact-checks and analysis runs, and the analyze action on articles."""
from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, filters, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from annotations.api.permissions import ArticleWriterPermission, SourceManagerPermission
from annotations.selectors import article_list
from config.api import DetailFilteringMixin, StandardPagination
from config.filters import DjangoFilterBackend
from config.history import HistoryMixin
from config.security import StrictJSONParser
from credibility.api.filters import AnalysisRunFilter, FactCheckFilter, SourceFilter
from credibility.api.serializers import (
    AnalysisRequestedSerializer,
    AnalysisRunSerializer,
    FactCheckImportResultSerializer,
    FactCheckImportUploadSerializer,
    FactCheckSerializer,
    FactCheckWriteSerializer,
    SourceSerializer,
    SourceWriteSerializer,
)
from credibility.claimreview import RecordError
from credibility.factcheck_formats import read_claimreview_json, read_factchecks
from credibility.models import AnalysisRun, FactCheck, Source
from credibility.selectors import analysis_run_list, factcheck_list, source_alias_names, source_list
from credibility.services.analysis import analysis_request
from credibility.services.factchecks import factcheck_create, factcheck_delete, factcheck_import_document, factcheck_update
from credibility.services.sources import source_create, source_delete, source_update

FILTER_BACKENDS = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]


class _ReadWriteViewSet(DetailFilteringMixin, viewsets.ModelViewSet):
    """Reads use ``serializer_class``; writes validate with ``write_serializer_class``, call a service
    and answer with the read shape of the stored row."""

    write_serializer_class: type[BaseSerializer]

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return self.serializer_class

    def _present(self, instance: Any, code: int) -> Response:
        fresh = self.get_queryset().get(pk=instance.pk)
        return Response(self.serializer_class(fresh, context=self.get_serializer_context()).data, status=code)

    def _create(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _update(self, instance: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.write_serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return self._present(self._create(dict(serializer.validated_data)), status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.write_serializer_class(
            instance, data=request.data, partial=kwargs.pop("partial", False), context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return self._present(self._update(instance, dict(serializer.validated_data)), status.HTTP_200_OK)


@extend_schema_view(
    create=extend_schema(request=SourceWriteSerializer, responses={201: SourceSerializer}),
    update=extend_schema(request=SourceWriteSerializer, responses={200: SourceSerializer}),
    partial_update=extend_schema(request=SourceWriteSerializer, responses={200: SourceSerializer}),
)
class SourceViewSet(HistoryMixin, _ReadWriteViewSet):
    """People, organisations, outlets and bodies that statements are attributed to, with their rating."""

    serializer_class = SourceSerializer
    write_serializer_class = SourceWriteSerializer
    permission_classes = [SourceManagerPermission]
    pagination_class = StandardPagination
    filter_backends = FILTER_BACKENDS
    filterset_class = SourceFilter
    search_fields = ["name", "aliases__alias", "domain"]
    ordering_fields = ["name", "rating", "score", "created_at"]
    ordering = ["name"]
    queryset = Source.objects.none()

    def get_queryset(self) -> QuerySet[Source]:
        return source_list(with_aliases=self.action != "list")  # a list page reads its aliases in list()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        sources = page if page is not None else list(queryset)
        context = {**self.get_serializer_context(), "alias_names": source_alias_names(sources=sources)}
        data = SourceSerializer(sources, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _create(self, data: dict[str, Any]) -> Source:
        return source_create(**data, changed_by=self.request.user)

    def _update(self, instance: Source, data: dict[str, Any]) -> Source:
        return source_update(source=instance, **data, changed_by=self.request.user)

    def perform_destroy(self, instance: Source) -> None:
        source_delete(source=instance)


@extend_schema_view(
    create=extend_schema(request=FactCheckWriteSerializer, responses={201: FactCheckSerializer}),
    update=extend_schema(request=FactCheckWriteSerializer, responses={200: FactCheckSerializer}),
    partial_update=extend_schema(request=FactCheckWriteSerializer, responses={200: FactCheckSerializer}),
)
class FactCheckViewSet(HistoryMixin, _ReadWriteViewSet):
    """The fact-check registry (schema.org ClaimReview, verdict normalised to six points)."""

    serializer_class = FactCheckSerializer
    write_serializer_class = FactCheckWriteSerializer
    permission_classes = [SourceManagerPermission]
    pagination_class = StandardPagination
    filter_backends = FILTER_BACKENDS
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
            "created and updated fact-checks in the background."
        ),
        request={
            "application/json": {"type": "object", "additionalProperties": True},
            "multipart/form-data": FactCheckImportUploadSerializer,
        },
        responses={200: FactCheckImportResultSerializer},
    )
    @action(
        detail=False, methods=["post"], url_path="import",
        parser_classes=[StrictJSONParser, parsers.MultiPartParser, parsers.FormParser],
    )
    def import_records(self, request: Request) -> Response:
        try:
            if request.content_type.startswith(("multipart/", "application/x-www-form-urlencoded")):
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
        summary = factcheck_import_document(document=document)
        return Response(FactCheckImportResultSerializer(summary.as_dict()).data, status=status.HTTP_200_OK)


class AnalysisRunViewSet(DetailFilteringMixin, viewsets.ReadOnlyModelViewSet):
    """Every analysis of an article: state, detector versions, timings and counts."""

    serializer_class = AnalysisRunSerializer
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    filterset_class = AnalysisRunFilter
    ordering_fields = ["created_at", "finished_at", "duration_ms"]
    ordering = ["-created_at", "-id"]
    queryset = AnalysisRun.objects.none()

    def get_queryset(self) -> QuerySet[AnalysisRun]:
        return analysis_run_list()


class ArticleAnalyzeView(GenericAPIView):
    """Request a fresh analysis of the article; it runs in the background once this request commits."""

    permission_classes = [ArticleWriterPermission]
    serializer_class = AnalysisRequestedSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return article_list()

    @extend_schema(
        summary="Analyse an article again",
        request=None,
        responses={202: AnalysisRequestedSerializer, 404: OpenApiResponse(description="No such article.")},
    )
    def post(self, request: Request, pk: int) -> Response:
        article = get_object_or_404(self.get_queryset(), pk=pk)
        run = analysis_request(article=article, requested_by=request.user)
        body = {"run_id": run.pk, "article": article.pk, "state": run.state}
        return Response(AnalysisRequestedSerializer(body).data, status=status.HTTP_202_ACCEPTED)
