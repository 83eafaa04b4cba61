"""API-wide plumbing: error handling, pagination and strict input.

Service-layer errors become clear 4xx answers, never a 500: Django's ValidationError is a 400,
its PermissionDenied a 403, and a unique-constraint race that slipped past a service's own check
(IntegrityError) a 409. SQLite's "database is locked" (a write that waited past the busy timeout,
``make run``) is a 503 with ``Retry-After``.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import EmptyResultSet, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db import IntegrityError
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable, ValuesIterable
from django.utils import timezone
from rest_framework import ISO_8601, exceptions, pagination, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from config.errors import RETRY_AFTER_SECONDS, database_locked

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """409. ``extra`` is merged into the body unchanged (ids stay numbers, unlike ``detail``)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"

    def __init__(
        self,
        detail: Any = None,
        code: str | None = None,
        *,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail, code)
        self.extra = extra or {}
        self.headers = headers or {}


class DatabaseBusy(exceptions.APIException):
    """503 with ``Retry-After``: SQLite's write lock was held longer than the busy timeout."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is busy with another write; retry in a moment."
    default_code = "database_busy"


class PayloadTooLarge(exceptions.APIException):
    """413: the request body, or a text in it (an article body over ARTICLE_BODY_MAX_CHARS), is too large."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


class PreconditionFailed(Conflict):
    """412: the ``If-Match`` version is not the stored one. ``extra`` carries ``current_version``."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it; reload it and retry."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    """428: a write that must say which version it changes came without ``If-Match``."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "This request must carry an If-Match header with the ETag you read (GET the resource first), "
        "so that it cannot silently overwrite someone else's change."
    )
    default_code = "precondition_required"


def etag(version: int) -> str:
    """The strong ETag of a versioned resource: its version number, quoted."""
    return f'"{version}"'


def if_match_version(request: Any, *, current: int) -> int:
    """The version an ``If-Match`` header names, checked against ``current``.

    Missing: 428. Unparseable: 400. Not ``current`` (a stale read): 412 with the current version.
    A list of ETags matches when any is current; weak ETags (``W/"3"``) compare by their version,
    which is the resource's whole state here. ``*`` is refused: it names no version.
    """
    header = (request.headers.get("If-Match") or "").strip()
    if not header:
        raise PreconditionRequired()
    versions: set[int] = set()
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tag = tag.strip('"')
        if not tag.isdigit():
            raise exceptions.ValidationError(
                {"If-Match": [f"Expected the ETag from a GET (e.g. {etag(current)}), got {header!r}."]}
            )
        versions.add(int(tag))
    if current not in versions:
        raise PreconditionFailed(
            f"Version {', '.join(str(v) for v in sorted(versions))} is stale: the resource is now version {current}. "
            "Reload it, reapply your change and send the new ETag.",
            extra={"current_version": current},
            headers={"ETag": etag(current)},
        )
    return current


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(f"The request body is larger than the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")
    elif isinstance(exc, DjangoValidationError) and getattr(exc, "status_code", None) == 413:
        # A service's "too large" (ArticleTooLongError): the same message, answered as 413.
        exc = PayloadTooLarge(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    elif isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif database_locked(exc):
        # SQLite (make run): another write held the lock past the busy timeout. Not a bug: retry.
        logger.warning("Database locked, answered 503: %s", exc)
        exc = DatabaseBusy()
    elif isinstance(exc, IntegrityError):
        # The services check uniqueness first; reaching here means a concurrent write won the race.
        logger.info("IntegrityError answered as 409: %s", exc)
        exc = Conflict("The request conflicts with a record that already exists (a concurrent change, or a duplicate).")
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(f"Malformed request body: {exc.detail}")
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, Conflict) and isinstance(response.data, dict):
        response.data.update(exc.extra)
    if response is not None and isinstance(exc, Conflict):
        for name, value in exc.headers.items():
            response[name] = value
    if response is not None and isinstance(exc, DatabaseBusy):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


# Matching rows counted at most per list request (settings.API_COUNT_CAP overrides): beyond it
# ``count`` is this lower bound and ``count_exact`` false. 20 default pages: counting costs at
# most about as many row visits as fetching 20 pages, whatever the table's size (an exact count
# read every matching row, from the heap too where the visibility map is not set yet).
API_COUNT_CAP = 1_000


def api_count_cap() -> int:
    return int(getattr(settings, "API_COUNT_CAP", API_COUNT_CAP))


_COUNT_COLUMN = "_capped_count"


class CappedCountPaginator(DjangoPaginator):
    """Django's paginator, counting the matching rows only up to ``count_cap`` (+1 to know it was passed).

    An exact COUNT(*) reads every matching row (or index entry) on every page request, so a
    list's first page grew with the table (``?kind=typo`` at 100k annotations counted 50k).
    Up to the cap nothing changes. Past it ``count`` is ``count_cap`` and ``count_exact`` is
    False; a page is then found by fetching one row more than it shows (``next`` is exact, any
    page number that has rows is served, an empty one beyond the first is a 404 as before).

    The page of a model or ``values()`` queryset carries its count: the capped count is an
    uncorrelated scalar subquery of the page query, which PostgreSQL evaluates once, so a list
    costs one query instead of two. Grouped querysets (aggregate annotations), ``page=last``
    (which needs the count first) and plain lists are counted on their own.
    """

    def __init__(self, object_list: Any, per_page: int, *args: Any, count_cap: int | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_cap = api_count_cap() if count_cap is None else count_cap

    def _count_queryset(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        """The rows counted: primary keys only (values() lists and select_related joins would be
        read for every counted row otherwise), unordered, at most cap + 1."""
        return rows.order_by().values("pk")[: self.count_cap + 1]

    @cached_property
    def _counted(self) -> int:
        """Matching rows, counted up to one past the cap."""
        rows = self.object_list
        if isinstance(rows, QuerySet):
            return self._count_queryset(rows).count()
        return len(rows)

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        return min(self._counted, self.count_cap)

    @property
    def count_exact(self) -> bool:
        return self._counted <= self.count_cap

    def page(self, number: Any) -> Page:
        number = self._page_number(number)
        rows = self.object_list
        if "_counted" not in self.__dict__ and self._can_carry_count(rows):
            return self._page_with_count(rows, number)
        if self.count_exact:
            return super().page(number)
        return self._open_ended_page(list(self._slice(rows, number)), number)

    def _page_number(self, number: Any) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def _slice(self, rows: Any, number: int) -> Any:
        """The page's rows and one more (whether another page follows)."""
        bottom = (number - 1) * self.per_page
        return rows[bottom : bottom + self.per_page + 1]

    def _can_carry_count(self, rows: Any) -> bool:
        if not isinstance(rows, QuerySet) or self.orphans or rows._iterable_class not in (ModelIterable, ValuesIterable):
            return False
        query = rows.query
        grouped = query.group_by is not None or any(
            getattr(annotation, "contains_aggregate", False) for annotation in query.annotations.values()
        )
        return not grouped and not query.combinator and not query.distinct_fields and not query.is_empty()

    def _page_with_count(self, rows: QuerySet[Any], number: int) -> Page:
        counted = self._count_queryset(rows)
        try:
            sql, params = counted.query.get_compiler(using=counted.db).as_sql()
        except EmptyResultSet:  # a filter that matches nothing (e.g. out of the column's range)
            self.__dict__["_counted"] = 0
            return super().page(number)
        count = RawSQL(f"SELECT COUNT(*) FROM ({sql}) AS counted", params, output_field=IntegerField())
        fetched = list(self._slice(rows.annotate(**{_COUNT_COLUMN: count}), number))
        if not fetched:
            if number > 1:
                raise EmptyPage(self.error_messages["no_results"])
            self.__dict__["_counted"] = 0
            return Page([], 1, self)
        for row in fetched:
            carried = row.pop(_COUNT_COLUMN) if isinstance(row, dict) else vars(row).pop(_COUNT_COLUMN)
        self.__dict__["_counted"] = carried
        if self.count_exact:
            return Page(fetched[: self.per_page], number, self)
        return self._open_ended_page(fetched, number)

    def _open_ended_page(self, fetched: list[Any], number: int) -> Page:
        if not fetched:
            raise EmptyPage(self.error_messages["no_results"])
        return _OpenEndedPage(fetched[: self.per_page], number, self, more=len(fetched) > self.per_page)


class _OpenEndedPage(Page):
    """A page of a list whose length is not known: whether another follows was fetched with it."""

    def __init__(self, object_list: Any, number: int, paginator: Any, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1


class StandardPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (at most 500); ``count`` is exact up to ``API_COUNT_CAP`` rows.

    Past the cap ``count`` is the cap, a lower bound, and ``count_exact`` is false; follow
    ``next`` (always exact) to walk the rest. ``page=last`` is then the last page within the
    count.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CappedCountPaginator

    def get_html_context(self) -> dict[str, Any]:
        paginator = self.page.paginator
        if not getattr(paginator, "count_exact", True):
            # The browsable API's page links stop at num_pages; past the count, reach this page and the next.
            paginator.num_pages = max(paginator.num_pages, self.page.number + int(self.page.has_next()))
        return super().get_html_context()

    def get_paginated_response(self, data: Any) -> Response:
        paginator = self.page.paginator
        return Response({
            "count": paginator.count,
            "count_exact": paginator.count_exact,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        cap = api_count_cap()
        paginated["required"] = ["count", "count_exact", "results"]
        paginated["properties"]["count"]["description"] = (
            f"Matching rows, counted up to {cap:,}: exact when count_exact is true, else a lower bound "
            "(there are more than that; follow next to walk them)."
        )
        properties = dict(paginated["properties"])
        paginated["properties"] = {
            "count": properties.pop("count"),
            "count_exact": {
                "type": "boolean",
                "description": f"False when more than {cap:,} rows match and count is that lower bound.",
                "example": True,
            },
            **properties,
        }
        return paginated


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


def datetime_representer() -> Callable[[datetime | None], str | None]:
    """DRF's ``DateTimeField().to_representation`` with its settings and time zone looked up once.

    Hand-written read serializers call the result once per value: the same text as the field gives
    (ISO 8601 in the current time zone, ``Z`` for UTC; None stays None), without resolving
    ``DATETIME_FORMAT`` and the current time zone again for every value. Anything but an aware
    datetime under the ISO format goes through the DRF field itself.
    """
    field = serializers.DateTimeField()
    output_format = api_settings.DATETIME_FORMAT
    zone = timezone.get_current_timezone() if settings.USE_TZ else None
    if zone is None or not isinstance(output_format, str) or output_format.lower() != ISO_8601:
        return lambda value: None if value is None else field.to_representation(value)

    def represent(value: datetime | None) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.utcoffset() is None:
            return field.to_representation(value)
        try:
            text = value.astimezone(zone).isoformat()
        except OverflowError:
            return field.to_representation(value)  # DRF's own "overflow" error
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return represent
