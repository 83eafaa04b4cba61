"""The API's default filter backends (settings.REST_FRAMEWORK): django-filter's, search and ordering, each inert on a view that declares nothing for it."""

from __future__ import annotations

from typing import Any

import django_filters
import django_filters.rest_framework
from rest_framework import filters as filters_rest

from config.filtersets import FilterSet


class DjangoFilterBackend(django_filters.rest_framework.DjangoFilterBackend):
    """django-filter's backend, building the form over the filters the query string names only."""

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        if issubclass(filterset_class, FilterSet):
            kwargs["given_only"] = True
        return filterset_class(**kwargs)


class _InertUndeclared(filters_rest.BaseFilterBackend):
    """A backend that does nothing (no filtering, no schema parameter) on a view without ``view_attribute``."""

    view_attribute: str

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        if not getattr(view, self.view_attribute, None):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return super().get_schema_operation_parameters(view) if getattr(view, self.view_attribute, None) else []


class SearchFilter(_InertUndeclared, filters_rest.SearchFilter):
    """DRF's search, inert (no filtering, no ``search`` schema parameter) on views without ``search_fields``,
    so that it can be a default backend for every view."""

    view_attribute = "search_fields"


class OrderingFilter(_InertUndeclared, filters_rest.OrderingFilter):
    """DRF's ordering, inert on views without ``ordering_fields`` (DRF would otherwise accept any
    serializer field), so that it can be a default backend for every view."""

    view_attribute = "ordering_fields"
