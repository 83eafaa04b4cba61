"""``POST /articles/fetch/`` and ``/ingestion-jobs/``: fetch a page into an article in the background.

Routed from ``credibility/api/ingestion_urls.py``, which config/api/urls.py includes *before*
the article router (otherwise ``articles/fetch/`` would be read as the detail route of an
article whose id is "fetch"). Thin: validate, call ``credibility.services.ingestion``, present.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.permissions import ArticleWriterPermission
from config.api.mixins import StrictFieldsMixin
from credibility.models import IngestionJob
from credibility.services.ingestion import MAX_URLS_PER_JOB, article_fetch_request, ingestion_job_request, url_check


class ArticleFetchRequestSerializer(StrictFieldsMixin, serializers.Serializer):
    url = serializers.URLField(max_length=2000, required=False, help_text="An http(s) page to fetch.")
    urls = serializers.ListField(
        child=serializers.URLField(max_length=2000),
        required=False,
        min_length=1,
        max_length=MAX_URLS_PER_JOB,
        help_text=f"Several pages in one job (at most {MAX_URLS_PER_JOB}); progress is done/total.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("url" in attrs) == ("urls" in attrs):
            raise serializers.ValidationError({"url": ["Send either url or urls."]})
        return attrs


class IngestionJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()

    class Meta:
        model = IngestionJob
        fields = [
            "id",
            "kind",
            "state",
            "urls",
            "done",
            "total",
            "failed",
            "progress",
            "article",
            "duplicate",
            "results",
            "error",
            "feed",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_progress(self, obj: IngestionJob) -> float:
        """done / total, 0..1."""
        return round(obj.done / obj.total, 4) if obj.total else 0.0


class ArticleFetchedSerializer(serializers.Serializer):
    """200: the URL is already stored; no job was started."""

    article = serializers.IntegerField()
    duplicate = serializers.BooleanField()


class ArticleFetchView(GenericAPIView):
    """Fetch web pages into articles: headline, byline, date, outlet and clean text are extracted,
    the outlet and byline are linked to Sources, and the new article is analysed.

    The URL is checked before anything is enqueued: a non-http(s) URL, or a host that resolves
    to a private, loopback, link-local or other non-public address, is a 400 (unless the server
    sets FETCH_ALLOW_PRIVATE_ADDRESSES). A URL already stored answers 200 with the article.
    """

    permission_classes = [ArticleWriterPermission]
    serializer_class = ArticleFetchRequestSerializer

    @extend_schema(
        summary="Fetch a web page (or several) into articles",
        request=ArticleFetchRequestSerializer,
        responses={
            202: IngestionJobSerializer,
            200: ArticleFetchedSerializer,
            400: OpenApiResponse(description="Invalid URL, or one pointing at a non-public address."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ArticleFetchRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "url" in data:
            outcome = article_fetch_request(url=data["url"], requested_by=request.user)
            if outcome.article is not None:
                return Response({"article": outcome.article.pk, "duplicate": True}, status=status.HTTP_200_OK)
            job = outcome.job
        else:
            for url in data["urls"]:
                url_check(url=url)
            job = ingestion_job_request(urls=data["urls"], requested_by=request.user)
        assert job is not None
        job.refresh_from_db()
        response = Response(IngestionJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
        response["Location"] = request.build_absolute_uri(f"/api/v1/ingestion-jobs/{job.pk}/")
        return response


class IngestionJobViewSet(viewsets.ReadOnlyModelViewSet):
    """Fetch jobs: state, progress (done / total), per-URL results and the article produced."""

    serializer_class = IngestionJobSerializer
    ordering_fields = ["created_at", "finished_at"]
    ordering = ["-created_at", "-id"]
    queryset = IngestionJob.objects.none()

    def get_queryset(self) -> QuerySet[IngestionJob]:
        return IngestionJob.objects.select_related("article", "feed").order_by("-created_at", "-id")
