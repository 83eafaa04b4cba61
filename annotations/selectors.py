"""Reads for articles and annotations, with the joins each view needs chosen here."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from annotations.models import Annotation, Article

ANNOTATION_RELATED = ("source", "evidence_factcheck", "evidence_annotation", "created_by", "reviewer")


def annotation_list() -> QuerySet[Annotation]:
    return Annotation.objects.select_related(*ANNOTATION_RELATED)


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("outlet")


def article_detail_list() -> QuerySet[Article]:
    """Articles with their annotations (and everything those embed) prefetched."""
    return article_list().prefetch_related(
        Prefetch("annotations", queryset=annotation_list().order_by("start", "end", "id"))
    )
