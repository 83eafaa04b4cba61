"""Admin for analysis runs (read-only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from credibility.admin.base import ReadOnlyAdmin
from credibility.models import AnalysisRun


@admin.register(AnalysisRun)
class AnalysisRunAdmin(ReadOnlyAdmin):
    """Runs are a log written by the analysis service: viewable, never edited by hand."""

    list_display = (
        "id",
        "article",
        "state",
        "article_revision",
        "created_at",
        "finished_at",
        "duration_ms",
        "attempts",
        "language",
    )
    list_filter = ("state", "language")
    search_fields = ("article__title", "error")
    list_select_related = ("article",)
    date_hierarchy = "created_at"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
