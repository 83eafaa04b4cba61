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
from annotations.selectors import article_detail_list, article_list, article_review_history, user_names
from config.api.parsers import StrictJSONParser
from config.api.schema import component
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

# The export's bodies, as far as a client relies on them (the formats' own specs say the rest).
W3C_COLLECTION = component(
    "W3CAnnotationCollection",
    {
        "type": "object",
        "description": "format=w3c: a W3C Web Annotation AnnotationCollection with one page of every annotation.",
        "properties": {
            "@context": {
                "description": "The W3C context, then this service's extension context (see the README).",
                "oneOf": [{"type": "string"}, {"type": "array", "items": {}}],
            },
            "id": {"type": "string"},
            "type": {"type": "string", "enum": ["AnnotationCollection"]},
            "label": {"type": "string"},
            "total": {"type": "integer"},
            "first": {
                "type": "object",
                "properties": {"items": {"type": "array", "items": {"type": "object", "additionalProperties": True}}},
                "additionalProperties": True,
            },
        },
        "required": ["@context", "id", "type", "total", "first"],
        "additionalProperties": True,
    },
)
CLAIMREVIEW = component(
    "ClaimReview",
    {
        "type": "object",
        "description": "A schema.org ClaimReview of a confirmed contradicted claim.",
        "properties": {
            "@context": {"type": "string"},
            "@type": {"type": "string", "enum": ["ClaimReview"]},
            "identifier": {"type": "string"},
            "url": {"type": "string"},
            "claimReviewed": {"type": "string"},
            "reviewRating": {"type": "object", "additionalProperties": True},
            "itemReviewed": {"type": "object", "additionalProperties": True},
        },
        "required": ["@type", "claimReviewed", "reviewRating", "itemReviewed"],
        "additionalProperties": True,
    },
)
# The W3C import's body: a collection or page (an object), or a bare list of annotations (Hypothesis).
IMPORT_DOCUMENT_SCHEMA: dict[str, Any] = {
    "description": "A W3C AnnotationCollection, AnnotationPage or Annotation, a Hypothesis export, or a list of annotations.",
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {"type": "object", "additionalProperties": True}},
    ],
}
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


def _w3c_collection(request: Request, article: Article, items: list[dict[str, Any]]) -> dict[str, Any]:
    """The W3C export: offsets count in the article's own text (its API URL), the web page goes in ``page``."""
    urls = _article_urls(request, article)
    people = user_names(user_ids={i[role] for i in items for role in ("reviewer", "assignee", "created_by")})
    return w3c.collection(
        collection_id=request.build_absolute_uri(f"/api/v1/articles/{article.pk}/export/?format=w3c"),
        label=article.title,
        target_source=urls["api"],
        annotation_base=urls["annotations"],
        items=items,
        page_url=article.url or None,
        revision=article.revision,
        people=people,
        histories=article_review_history(article_id=article.pk),
    )


class ArticleExportView(APIView):
    """The article's annotations as W3C Web Annotation JSON-LD, schema.org ClaimReview JSON-LD or CSV."""

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [W3CAnnotationRenderer, ClaimReviewRenderer, AnnotationCSVRenderer]

    unknown_format: str | None = None

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        """An unknown ``?format=`` is remembered, and negotiated as the default, instead of DRF's 404:
        ``get`` answers it with a 400 listing the formats once the caller is authenticated."""
        wanted = request.query_params.get("format")
        if wanted and wanted not in self._formats():
            self.unknown_format = wanted
            return super().perform_content_negotiation(request, force=True)  # the first renderer
        return super().perform_content_negotiation(request, force=force)

    def _formats(self) -> list[str]:
        return [str(renderer.format) for renderer in self.renderer_classes]

    @extend_schema(
        summary="Export an article's annotations",
        description=(
            "`format=w3c` (the default): a W3C AnnotationCollection; `format=claimreview`: a list of schema.org "
            "ClaimReview objects, one per confirmed contradicted claim; both `application/ld+json`. "
            "`format=csv`: `text/csv`, one row per annotation. "
            "Every format is sent as a download (`Content-Disposition: attachment`). ClaimReview: each `url` is "
            "the claim's public page `/claims/{annotation}/`; an empty array comes with an `X-Export-Empty-Reason` "
            "header saying why. CSV: snake_case headers; `bom=1` prefixes a UTF-8 byte order mark."
        ),
        parameters=[
            OpenApiParameter("format", str, enum=["w3c", "claimreview", "csv"], description="Default w3c."),
            OpenApiParameter("bom", bool, description="With format=csv: start with a UTF-8 byte order mark."),
        ],
        responses={
            (200, "application/ld+json"): {
                "oneOf": [
                    W3C_COLLECTION,
                    {"type": "array", "items": CLAIMREVIEW, "description": "format=claimreview"},
                ]
            },
            (200, "text/csv"): OpenApiTypes.STR,
            404: OpenApiResponse(description="No such article."),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        if self.unknown_format is not None:
            raise exceptions.ValidationError(
                {
                    "format": [
                        f"Unknown export format {self.unknown_format!r}; choose one of: {', '.join(self._formats())}."
                    ],
                    "valid_formats": self._formats(),
                }
            )
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
        response = Response(_w3c_collection(request, article, items), content_type=W3C_CONTENT_TYPE)
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
            "quote, break ties; ambiguous ones are not anchored). An annotation with the same kind and span as "
            "one already here is merged into it (status, review note, assignee through the review rules; the "
            "importer's rights decide); the answer lists every annotation as created, merged, unchanged or "
            "refused, with reasons and what could not be mapped. At most W3C_IMPORT_MAX_ITEMS annotations (default 2000) "
            "per document (else 400). A document of more than W3C_IMPORT_SYNC_MAX_ITEMS (default 20) is "
            "imported by a background job: 202 with the job (``url``, ``state``, ``done`` of ``total``, "
            "``progress``; its ``result`` once done) and a Location header to poll."
        ),
        parameters=[
            OpenApiParameter("format", str, enum=["w3c"], description="Only w3c (Hypothesis included)."),
            OpenApiParameter(
                "offset_unit",
                str,
                enum=list(w3c.OFFSET_UNITS),
                description=(
                    "What TextPositionSelector offsets count, unless a selector says (its ``offset_unit``): "
                    "``code_point`` (ours) or ``utf-16`` (JavaScript, Hypothesis). Default: utf-16 for "
                    "Hypothesis annotations, code_point otherwise."
                ),
            ),
        ],
        request={"application/json": IMPORT_DOCUMENT_SCHEMA},
        responses={
            200: OpenApiTypes.OBJECT,
            202: OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="Not a readable collection, or too many annotations."),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        article = get_object_or_404(article_list(), pk=pk)
        offset_unit = request.query_params.get("offset_unit") or None
        if offset_unit is not None and offset_unit not in w3c.OFFSET_UNITS:
            raise exceptions.ValidationError(
                {
                    "offset_unit": [
                        f"Unknown offset unit {offset_unit!r}; expected one of {', '.join(w3c.OFFSET_UNITS)}."
                    ]
                }
            )
        try:
            outcome = article_import_request(
                article=article, document=request.data, imported_by=request.user, offset_unit=offset_unit
            )
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
