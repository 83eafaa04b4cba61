"""Filter fields shared by the FilterSets.

``ColumnChoiceFilter`` is django-filter's ``MultipleChoiceFilter`` for a column of the filtered
model itself. django-filter makes every multiple-choice filter ``distinct=True`` (right for a
to-many relation, where one row can match through several related rows); on a plain column each
row matches at most once, and the DISTINCT only costs: PostgreSQL must sort or hash every
matching row on all its selected columns (joined ones included) before it can take a page or a
count, which made ``?kind=typo`` grow with the table.

ISO 8601 accepts any UTC offset, PostgreSQL only offsets within +-15:59, and a value near the
ends of Python's calendar may not survive conversion to UTC. ``UTCIsoDateTimeFromToRangeFilter``
converts both bounds to UTC while parsing, so such values are a 400 naming the parameter
instead of a DataError from the database (a 500).
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django_filters import filters
from django_filters.fields import IsoDateTimeField, IsoDateTimeRangeField


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, building its form class once per FilterSet class instead of per request.

    ``get_form_class`` makes every filter's form field (labels looked up on the model, choices
    copied) and a new Form class on every request, although nothing in it depends on the request
    here; each form instance still deep-copies those fields, as Django forms do. A FilterSet with
    a request-dependent queryset (a callable ``queryset=``) keeps django-filter's per-request build.
    """

    def get_form_class(self) -> Any:
        cls = type(self)
        cached = cls.__dict__.get("_cached_form_class")
        if cached is not None:
            return cached
        form_class = super().get_form_class()
        if not any(callable(getattr(f, "queryset", None)) for f in self.base_filters.values()):
            cls._cached_form_class = form_class  # type: ignore[attr-defined]
        return form_class


class ColumnChoiceFilter(filters.MultipleChoiceFilter):
    """``?name=a&name=b`` on a column of the model itself (no to-many join), so no DISTINCT."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class UTCIsoDateTimeField(IsoDateTimeField):
    def to_python(self, value: Any) -> datetime | None:
        parsed = super().to_python(value)
        if parsed is None or parsed.tzinfo is None:
            return parsed
        try:
            return parsed.astimezone(UTC)
        except (OverflowError, ValueError) as exc:
            raise ValidationError(f"{value!r} is outside the supported range of dates.", code="invalid") from exc


class UTCIsoDateTimeRangeField(IsoDateTimeRangeField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # RangeField's own __init__ with our fields (it makes each bound optional).
        super(IsoDateTimeRangeField, self).__init__((UTCIsoDateTimeField(), UTCIsoDateTimeField()), *args, **kwargs)


class UTCIsoDateTimeFromToRangeFilter(filters.IsoDateTimeFromToRangeFilter):
    field_class = UTCIsoDateTimeRangeField
