"""The production URLs plus plain-Django baselines, mounted only by the benchmark's gunicorn.

Each baseline returns the same rows as one DRF endpoint with ``JsonResponse`` and ``values()``:
no authentication, permissions, throttling, content negotiation, filter backends or
serializers, so the DRF endpoint's throughput can be read as a ratio to it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from annotations.models import Annotation, Article
from credibility.models import Source, SourceAlias
from credibility.selectors import flagged_claim_list, flagged_claim_rows, source_credibility_data

PAGE = 50
ANNOTATION_FIELDS = (
    "id",
    "article_id",
    "kind",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "confidence",
    "detector",
    "rule",
    "explanation",
    "suggestion",
    "reason",
    "comment",
    "source_id",
    "source__name",
    "source__kind",
    "origin",
    "status",
    "anchor_state",
    "version",
    "created_at",
    "updated_at",
)


def article_detail(request: HttpRequest, pk: int) -> JsonResponse:
    article = (
        Article.objects.filter(pk=pk)
        .values(
            "id",
            "title",
            "body",
            "url",
            "byline",
            "published_at",
            "language",
            "analysis_state",
            "analyzed_at",
            "revision",
            "version",
            "created_at",
            "updated_at",
            "outlet_id",
            outlet_name=F("outlet__name"),
        )
        .first()
    )
    if article is None:
        return JsonResponse({"detail": "Not found."}, status=404)
    annotations = list(
        Annotation.objects.filter(article_id=pk).order_by("start", "end", "id").values(*ANNOTATION_FIELDS)
    )
    return JsonResponse({**article, "annotations": annotations})


def annotation_list(request: HttpRequest) -> JsonResponse:
    rows = Annotation.objects.order_by("article_id", "start", "end", "id")
    if "kind" in request.GET:
        rows = rows.filter(kind=request.GET["kind"])
    return JsonResponse({"count": rows.count(), "results": list(rows.values(*ANNOTATION_FIELDS)[:PAGE])})


def flagged_claims(request: HttpRequest) -> JsonResponse:
    queryset = flagged_claim_list()
    return JsonResponse({"count": queryset.count(), "results": flagged_claim_rows(annotations=queryset[:PAGE])})


def sources(request: HttpRequest) -> JsonResponse:
    page = list(Source.objects.order_by("name")[:PAGE])
    aliases: dict[int, list[str]] = {}
    for source_id, alias in SourceAlias.objects.filter(source__in=page).values_list("source_id", "alias"):
        aliases.setdefault(source_id, []).append(alias)
    results: list[dict[str, Any]] = [
        {
            "id": s.pk,
            "name": s.name,
            "kind": s.kind,
            "aliases": aliases.get(s.pk, []),
            "domain": s.domain,
            "description": s.description,
            "rating": s.rating,
            "rating_rationale": s.rating_rationale,
            "score": s.score,
            "credibility": source_credibility_data(s),
            "created_at": s.created_at,
            "updated_at": s.updated_at,
        }
        for s in page
    ]
    return JsonResponse({"count": Source.objects.count(), "results": results})


urlpatterns = [
    path("bench/baseline/articles/<int:pk>/", article_detail),
    path("bench/baseline/annotations/", annotation_list),
    path("bench/baseline/flagged-claims/", flagged_claims),
    path("bench/baseline/sources/", sources),
    path("", include("config.urls")),
]
