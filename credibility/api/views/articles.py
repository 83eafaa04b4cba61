"""Credibility's actions on one article: its credibility score, exports (W3C, ClaimReview, CSV) and W3C import.

Routed under ``articles/<pk>/`` by credibility/api/urls.py because annotations/ never imports
credibility/. Thin: a selector or service call, then a pure formatter from ``credibility.exports``.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import policies
from annotations.api.serializers import AnnotationSerializer
from annotations.models import Article
from annotations.selectors import article_detail_list, article_list
from config.api.parsers import StrictJSONParser
from credibility.api.renderers import (
    W3C_CONTENT_TYPE,
    AnnotationCSVRenderer,
    ClaimReviewRenderer,
    ImportResultRenderer,
    JSONLDParser,
    W3CAnnotationRenderer,
)
from credibility.formats import w3c
from credibility.formats.csv import annotations_csv
from credibility.selectors import article_claim_reviews, article_credibility_get, claim_review_public_base
from credibility.services.imports import article_import_job_get, article_import_request

# Sent with an empty ClaimReview export (the body stays a JSON array): why it is empty.
EMPTY_EXPORT_HEADER = "X-Export-Empty-Reason"


def attachment(filename: str) -> str:
    return f'attachment; filename="{filename}"'


class ArticleCredibilityView(GenericAPIView):
    """The article's credibility score with every count, sub-score, weight and formula behind it."""

    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[Article]:
        return article_list()

    @extend_schema(
        summary="Article credibility",
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="No such article.")},
    )
    def get(self, request: Request, pk: int) -> Response:
        article = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(article_credibility_get(article=article))


def _article_urls(request: Request, article: Article) -> dict[str, str]:
    api = request.build_absolute_uri(f"/api/v1/articles/{article.pk}/")
    return {
        "api": api,
        "target": article.url or api,
        "annotations": request.build_absolute_uri("/api/v1/annotations/"),
    }


class ArticleExportView(APIView):
    """The article's annotations as W3C Web Annotation JSON-LD, schema.org ClaimReview JSON-LD or CSV."""

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [W3CAnnotationRenderer, ClaimReviewRenderer, AnnotationCSVRenderer]

    @extend_schema(
        summary="Export an article's annotations",
        description=(
            "Every format is sent as a download (`Content-Disposition: attachment`). ClaimReview: a JSON array "
            "of the confirmed contradicted claims, each `url` its public page `/claims/{annotation}/`; an empty "
            "array comes with an `X-Export-Empty-Reason` header saying why. CSV: snake_case headers; `bom=1` "
            "prefixes a UTF-8 byte order mark."
        ),
        parameters=[
            OpenApiParameter("format", str, enum=["w3c", "claimreview", "csv"], description="Default w3c."),
            OpenApiParameter("bom", bool, description="With format=csv: start with a UTF-8 byte order mark."),
        ],
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="No such article.")},
    )
    def get(self, request: Request, pk: int) -> Response:
        chosen = request.accepted_renderer.format
        if chosen == "claimreview":  # its own reads: only the article's contradicted claims
            article = get_object_or_404(article_list(), pk=pk)
            export = article_claim_reviews(
                article=article,
                public_base_url=claim_review_public_base(request_base=request.build_absolute_uri("/")),
                publisher=settings.CLAIMREVIEW_PUBLISHER,
            )
            response = Response(export.records)
            response["Content-Disposition"] = attachment(f"article-{article.pk}-claimreview.jsonld")
            if export.empty_reason:
                response[EMPTY_EXPORT_HEADER] = export.empty_reason
            return response
        article = get_object_or_404(article_detail_list(), pk=pk)
        # many=True makes a ListSerializer, whose data is a list; the stubs type it as a ReturnDict.
        items = cast(list[dict[str, Any]], AnnotationSerializer(article.annotations.all(), many=True).data)
        if chosen == "csv":
            response = Response(annotations_csv(items))
            response["Content-Disposition"] = attachment(f"article-{article.pk}-annotations.csv")
            return response
        urls = _article_urls(request, article)
        response = Response(
            w3c.collection(
                collection_id=request.build_absolute_uri(f"/api/v1/articles/{article.pk}/export/?format=w3c"),
                label=article.title,
                target_source=urls["target"],
                annotation_base=urls["annotations"],
                items=items,
            ),
            content_type=W3C_CONTENT_TYPE,
        )
        response["Content-Disposition"] = attachment(f"article-{article.pk}-annotations.jsonld")
        return response


class AnnotatorPermission(permissions.BasePermission):
    message = "Only annotators, reviewers and staff may import annotations."

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and policies.is_annotator(request.user))


class ArticleImportView(APIView):
    """Import a W3C AnnotationCollection (or a Hypothesis export) onto the article, re-anchored on its body."""

    permission_classes = [AnnotatorPermission]
    renderer_classes = [ImportResultRenderer, JSONRenderer]
    parser_classes = [StrictJSONParser, JSONLDParser]

    @extend_schema(
        summary="Import W3C / Hypothesis annotations",
        description=(
            "Selectors are re-anchored on the current body: the TextPositionSelector when the quote reads "
            "there, else the TextQuoteSelector's exact quote (prefix/suffix, their 32 characters nearest the "
            "quote, break ties; ambiguous ones are not anchored). Un-anchorable, invalid and duplicate "
            "annotations are listed and not stored. At most W3C_IMPORT_MAX_ITEMS annotations (default 2000) "
            "per document (else 400). A document of more than W3C_IMPORT_SYNC_MAX_ITEMS (default 20) is "
            "imported by a background job: 202 with the job (``url``, ``state``, ``done`` of ``total``, "
            "``progress``; its ``result`` once done) and a Location header to poll."
        ),
        parameters=[OpenApiParameter("format", str, enum=["w3c"], description="Only w3c (Hypothesis included).")],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={
            200: OpenApiTypes.OBJECT,
            202: OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="Not a readable collection, or too many annotations."),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        article = get_object_or_404(article_list(), pk=pk)
        try:
            outcome = article_import_request(article=article, document=request.data, imported_by=request.user)
        except w3c.ImportFormatError as exc:
            raise exceptions.ValidationError({"detail": [str(exc)]}) from exc
        if outcome.job is not None:
            job = _import_job_data(request, outcome.job)
            response = Response(job, status=status.HTTP_202_ACCEPTED)
            response["Location"] = job["url"]
            return response
        assert outcome.result is not None
        return Response(outcome.result.as_dict(), status=status.HTTP_200_OK)


def _import_job_data(request: Request, job: dict[str, Any]) -> dict[str, Any]:
    data = {key: value for key, value in job.items() if key != "requested_by"}
    data["url"] = request.build_absolute_uri(f"/api/v1/articles/{job['article']}/import/jobs/{job['id']}/")
    return data


class ArticleImportJobView(APIView):
    """A background W3C import: state (pending, running, done, failed), progress, and its result once done.

    Readable by any logged-in user who has the job's URL (like ingestion jobs); JSON only.
    """

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="W3C import job",
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="No such job (or it expired).")},
    )
    def get(self, request: Request, pk: int, job_id: str) -> Response:
        job = article_import_job_get(job_id=job_id)
        if job is None or job.get("article") != pk:
            raise exceptions.NotFound("No such import job (jobs are kept for a day).")
        return Response(_import_job_data(request, job))
