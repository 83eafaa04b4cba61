"""Sources: CRUD with history, aliases and credibility data."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api.permissions import SourceManagerPermission
from config.api.history import HistoryMixin
from config.api.mixins import ServiceWriteViewSet, service_write_schema
from credibility.api.filters import SourceFilter
from credibility.api.serializers import (
    SourceSerializer,
    SourceWriteSerializer,
)
from credibility.models import Source
from credibility.selectors import source_alias_names, source_list
from credibility.services.sources import source_create, source_delete, source_update


@service_write_schema(read=SourceSerializer, write=SourceWriteSerializer)
class SourceViewSet(HistoryMixin, ServiceWriteViewSet):
    """People, organisations, outlets and bodies that statements are attributed to, with their rating."""

    serializer_class = SourceSerializer
    write_serializer_class = SourceWriteSerializer
    permission_classes = [SourceManagerPermission]
    filterset_class = SourceFilter
    search_fields = ["name", "aliases__alias", "domain"]
    ordering_fields = ["name", "rating", "score", "created_at"]
    ordering = ["name"]
    queryset = Source.objects.none()

    def get_queryset(self) -> QuerySet[Source]:
        return source_list(with_aliases=self.action != "list")  # a list page reads its aliases in list()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        sources = page if page is not None else list(queryset)
        context = {**self.get_serializer_context(), "alias_names": source_alias_names(sources=sources)}
        data = SourceSerializer(sources, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _create(self, data: dict[str, Any]) -> Source:
        return source_create(**data, changed_by=self.request.user)

    def _update(self, instance: Source, data: dict[str, Any]) -> Source:
        return source_update(source=instance, **data, changed_by=self.request.user)

    def perform_destroy(self, instance: Source) -> None:
        source_delete(source=instance)
