"""The audit trail as the API shows it: django-simple-history records turned into change rows.

Shared by every resource with ``history = HistoricalRecords()`` (articles, annotations, sources,
fact-checks), so ``GET /api/v1/<resource>/{id}/history/`` answers the same shape everywhere.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping that changes with every save and says nothing on its own.
IGNORED_FIELDS = ("updated_at",)
# Longer values (article bodies) are cut in change rows; the revisions endpoint has the full text and diffs.
MAX_VALUE_CHARS = 500


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[:MAX_VALUE_CHARS] + "…"
    if isinstance(value, (dict, list, int, float, bool, str)) or value is None:
        return value
    return str(value)


def history_rows(instance: Model) -> list[dict[str, Any]]:
    """Every recorded change of ``instance``, newest first: who, when, what kind of change, which fields."""
    records = list(instance.history.select_related("history_user").order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    rows: list[dict[str, Any]] = []
    previous = None
    for record in records:
        changes: list[dict[str, Any]] = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=IGNORED_FIELDS)
            changes = [
                {"field": change.field, "old": _jsonable(change.old), "new": _jsonable(change.new)}
                for change in delta.changes
            ]
        user = record.history_user
        rows.append(
            {
                "id": record.history_id,
                "date": record.history_date,
                "type": HISTORY_TYPES.get(record.history_type, record.history_type),
                "user": None if user is None else {"id": user.pk, "username": user.get_username()},
                "changed_fields": [change["field"] for change in changes],
                "changes": changes,
                "reason": record.history_change_reason or "",
            }
        )
        previous = record
    rows.reverse()
    return rows


class HistoryUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class HistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateTimeField()
    type = serializers.ChoiceField(choices=list(HISTORY_TYPES.values()))
    user = HistoryUserSerializer(allow_null=True, help_text="Who made the change; null for background jobs.")
    changed_fields = serializers.ListField(child=serializers.CharField())
    changes = HistoryChangeSerializer(many=True, help_text="Old and new values (long texts cut).")
    reason = serializers.CharField(allow_blank=True)


class HistoryMixin:
    """Adds ``GET .../{id}/history/`` (paginated with the viewset's paginator) to a viewset."""

    @extend_schema(
        summary="The audit trail of this resource, newest first",
        responses={200: HistoryRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str | None = None) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        rows = history_rows(instance)
        page = self.paginate_queryset(rows)  # type: ignore[attr-defined]
        if page is not None:
            return self.get_paginated_response(HistoryRowSerializer(page, many=True).data)  # type: ignore[attr-defined]
        return Response(HistoryRowSerializer(rows, many=True).data)


__all__ = ["HistoryMixin", "HistoryRowSerializer", "history_rows"]
