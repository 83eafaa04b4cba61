"""Viewset and serializer mixins shared by every app's API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer


class DetailFilteringMixin:
    """A viewset whose detail routes skip the filter backends when the URL has no query string.

    DRF runs every filter backend in ``get_object`` too, so ``/articles/1/?language=fr`` is a
    404 for an English article; that stays. Without parameters the backends cannot change which
    object is found (django-filter's filters ignore empty values, search and ordering have
    nothing to do), yet django-filter still built a FilterSet and its form on every detail
    request.
    """

    def filter_queryset(self, queryset: Any) -> Any:
        if getattr(self, "detail", False) and not self.request.query_params:  # type: ignore[attr-defined]
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]


class StrictFieldsMixin:
    """Reject input keys the serializer does not accept, instead of silently dropping them.

    A typo such as ``"comit"`` or an attempt to set ``"origin"`` would otherwise "succeed"
    while doing nothing, which is worse than a clear 400.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}  # type: ignore[attr-defined]
            read_only = {name for name, field in self.fields.items() if field.read_only}  # type: ignore[attr-defined]
            errors: dict[str, list[str]] = {}
            for key in sorted(set(data) - writable):
                if key in read_only or key in getattr(self, "read_only_input_fields", ()):
                    errors[key] = ["This field is read-only and cannot be set."]
                else:
                    errors[key] = [f"Unknown field. Accepted fields: {', '.join(sorted(writable))}."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)  # type: ignore[misc]


class ServiceWriteViewSet(DetailFilteringMixin, viewsets.ModelViewSet):
    """Reads use ``serializer_class``; writes validate with ``write_serializer_class``, call a service
    and answer with the read shape of the stored row."""

    write_serializer_class: type[BaseSerializer]

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer_class
        return super().get_serializer_class()  # serializer_class, asserted to be set

    def _present(self, instance: Any, code: int) -> Response:
        fresh = self.get_queryset().get(pk=instance.pk)
        assert self.serializer_class is not None  # every ServiceWriteViewSet declares its read serializer
        return Response(self.serializer_class(fresh, context=self.get_serializer_context()).data, status=code)

    def _create(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _update(self, instance: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.write_serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return self._present(self._create(dict(serializer.validated_data)), status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.write_serializer_class(
            instance, data=request.data, partial=kwargs.pop("partial", False), context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return self._present(self._update(instance, dict(serializer.validated_data)), status.HTTP_200_OK)


def service_write_schema(*, read: type[BaseSerializer], write: type[BaseSerializer]) -> Callable[[Any], Any]:
    """The OpenAPI of a ``ServiceWriteViewSet``'s writes: ``write`` goes in, ``read`` comes back."""
    return extend_schema_view(
        create=extend_schema(request=write, responses={201: read}),
        update=extend_schema(request=write, responses={200: read}),
        partial_update=extend_schema(request=write, responses={200: read}),
    )
