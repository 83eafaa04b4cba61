"""Reads for articles and annotations, with the joins each view needs chosen here."""
from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from annotations.models import Annotation, Article

ANNOTATION_RELATED = ("source", "evidence_factcheck", "evidence_annotation", "created_by", "reviewer")


def annotation_list() -> QuerySet[Annotation]:
    return Annotation.objects.select_related(*ANNOTATION_RELATED)


def article_list(*, with_counts: bool = False) -> QuerySet[Article]:
    """Articles with their outlet; ``with_counts`` adds ``annotation_count`` (one grouped query)."""
    queryset = Article.objects.select_related("outlet")
    if with_counts:
        queryset = queryset.annotate(annotation_count=Count("annotations"))
    return queryset


def article_detail_list(*, with_counts: bool = False) -> QuerySet[Article]:
    """Articles with their annotations (and everything those embed) prefetched."""
    return article_list(with_counts=with_counts).prefetch_related(
        Prefetch("annotations", queryset=annotation_list().order_by("start", "end", "id"))
    )
