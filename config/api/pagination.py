"""List pagination with a capped count: exact up to API_COUNT_CAP matching rows, then a lower bound flagged by count_exact=false."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeGuard

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable, ValuesIterable
from rest_framework import pagination
from rest_framework.response import Response

if TYPE_CHECKING:  # a TypedDict of the stubs only
    from rest_framework.pagination import HtmlContextWithPageLinks

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

    def __init__(
        self, object_list: Any, per_page: int, *args: Any, count_cap: int | None = None, **kwargs: Any
    ) -> None:
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
    def count(self) -> int:
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

    def _can_carry_count(self, rows: Any) -> TypeGuard[QuerySet[Any]]:
        if (
            not isinstance(rows, QuerySet)
            or self.orphans
            or rows._iterable_class not in (ModelIterable, ValuesIterable)
        ):
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

    def get_html_context(self) -> HtmlContextWithPageLinks:
        assert self.page is not None  # set by paginate_queryset, which DRF calls first
        paginator = self.page.paginator
        if not getattr(paginator, "count_exact", True):
            # The browsable API's page links stop at num_pages; past the count, reach this page and the next.
            paginator.num_pages = max(paginator.num_pages, self.page.number + int(self.page.has_next()))
        return super().get_html_context()

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None  # set by paginate_queryset, which DRF calls first
        paginator = self.page.paginator
        assert isinstance(paginator, CappedCountPaginator)  # django_paginator_class
        return Response(
            {
                "count": paginator.count,
                "count_exact": paginator.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

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
