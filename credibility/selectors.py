"""Reads for sources, fact-checks and analysis runs, with the joins each view needs chosen here."""
from __future__ import annotations

from django.db.models import QuerySet

from credibility.models import AnalysisRun, FactCheck, Source


def source_list() -> QuerySet[Source]:
    return Source.objects.prefetch_related("aliases")


def factcheck_list() -> QuerySet[FactCheck]:
    return FactCheck.objects.all()


def analysis_run_list() -> QuerySet[AnalysisRun]:
    return AnalysisRun.objects.all()
