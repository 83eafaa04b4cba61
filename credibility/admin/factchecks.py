"""Admin for the fact-check registry."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from credibility.models import FactCheck
from credibility.services.factchecks import factcheck_delete_many, factcheck_indexes_sync


@admin.register(FactCheck)
class FactCheckAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("short_claim", "verdict", "rating_label", "publisher", "claimant", "review_date", "identifier")
    list_filter = ("verdict", "publisher", "review_date")
    search_fields = ("claim_reviewed", "claimant", "identifier", "url", "publisher")
    date_hierarchy = "review_date"
    readonly_fields = ("raw", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("identifier", "url", "claim_reviewed", "claimant", "claim_date")}),
        (
            "Review",
            {
                "fields": (
                    "publisher",
                    "review_date",
                    "rating_label",
                    "rating_value",
                    "best_rating",
                    "worst_rating",
                    "verdict",
                    "language",
                )
            },
        ),
        ("Import", {"fields": ("raw", "created_at", "updated_at")}),
    )

    @admin.display(description="claim reviewed", ordering="claim_reviewed")
    def short_claim(self, obj: FactCheck) -> str:
        return obj.claim_reviewed if len(obj.claim_reviewed) <= 90 else obj.claim_reviewed[:87] + "..."

    # The admin writes rows itself; the retrieval structures (term rows, claim embeddings, the
    # per-process semantic index) follow through the same services as every other write.
    def save_model(self, request: HttpRequest, obj: FactCheck, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        factcheck_indexes_sync(factcheck_ids=[obj.pk])

    def delete_model(self, request: HttpRequest, obj: FactCheck) -> None:
        factcheck_delete_many(factcheck_ids=[obj.pk])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[FactCheck]) -> None:
        factcheck_delete_many(factcheck_ids=list(queryset.values_list("pk", flat=True)))
