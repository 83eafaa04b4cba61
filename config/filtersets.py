"""django-filter building blocks for the FilterSets of every app: the API, the admin report page and
the commands read query strings through the same FilterSets.

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
import django_filters.rest_framework
from django.core.exceptions import ValidationError
from django_filters import filters
from django_filters.fields import IsoDateTimeField, IsoDateTimeRangeField


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet with its form built cheaply: once per class, and for API requests
    only over the filters the query string names.

    ``get_form_class`` makes every filter's form field (labels looked up on the model, choices
    copied) and a new Form class on every request, although nothing in it depends on the request
    here, and each form instance deep-copies all those fields again, as Django forms do. The form
    class is therefore cached per class and set of filters (a FilterSet with a request-dependent
    queryset, a callable ``queryset=``, keeps django-filter's per-request build).

    ``given_only=True`` (passed by the API's ``DjangoFilterBackend``) leaves out the filters that
    no query parameter names, before they are copied and their form is built. Left in, each would
    clean an empty value and then leave the queryset as it is (django-filter's filters skip empty
    values), so the result and the errors are the same; required filters always stay. The admin
    and ``flag_report`` use the full form, which they render or reuse.
    """

    _form_classes: dict[tuple[str, ...], Any] = {}
    base_filters: dict[str, Any]  # set on each class by django-filter's FilterSetMetaclass

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._form_classes = {}

    def __init__(
        self,
        data: Any = None,
        queryset: Any = None,
        *,
        request: Any = None,
        prefix: str | None = None,
        given_only: bool = False,
    ) -> None:
        if not (given_only and data is not None and not prefix):
            super().__init__(data, queryset, request=request, prefix=prefix)
            return
        given = list(data.keys())
        # django-filter deep-copies base_filters into self.filters: an instance attribute narrows that copy.
        self.base_filters = {
            name: filter_
            for name, filter_ in type(self).base_filters.items()
            if filter_.extra.get("required") or any(key == name or key.startswith(f"{name}_") for key in given)
        }
        try:
            super().__init__(data, queryset, request=request, prefix=prefix)
        finally:
            del self.base_filters

    def get_form_class(self) -> Any:
        key = tuple(self.filters)
        cached = self._form_classes.get(key)
        if cached is not None:
            return cached
        form_class = super().get_form_class()
        request_dependent = any(callable(getattr(f, "queryset", None)) for f in self.base_filters.values())
        if not request_dependent and len(self._form_classes) < 256:  # bounded: one per combination asked for
            self._form_classes[key] = form_class
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
