"""Admin for the fact-check registry."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from credibility.models import FactCheck


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
