"""Analysis runs (read-only) and the analyze action on an article."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.permissions import ArticleWriterPermission
from annotations.selectors import article_list
from config.api.mixins import DetailFilteringMixin
from credibility.api.filters import AnalysisRunFilter
from credibility.api.serializers import (
    AnalysisRequestedSerializer,
    AnalysisRunSerializer,
)
from credibility.models import AnalysisRun
from credibility.selectors import analysis_run_list
from credibility.services.analysis import analysis_request


class AnalysisRunViewSet(DetailFilteringMixin, viewsets.ReadOnlyModelViewSet):
    """Every analysis of an article: state, detector versions, timings and counts."""

    serializer_class = AnalysisRunSerializer
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
