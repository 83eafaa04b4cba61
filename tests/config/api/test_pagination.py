"""List pagination (issue 8): ``count`` is exact up to API_COUNT_CAP matching rows, a flagged lower bound past it.

Page 1 of a list must not cost more as the table grows: an exact COUNT(*) read every matching
row. Past the cap, ``next``/``previous`` stay exact (a page is fetched with one row more than it
shows), every page that has rows is served, and an empty page is still a 404.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation
from config.api.pagination import API_COUNT_CAP, CappedCountPaginator
from credibility.models import Source
from tests.annotations.factories import AnnotationFactory, ArticleFactory
from tests.credibility.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = "word " * 40
ANNOTATIONS = "/api/v1/annotations/"


@pytest.fixture
def twelve_typos():
    article = ArticleFactory(body=BODY)
    made = [AnnotationFactory(article=article, kind="typo", start=5 * n, end=5 * n + 4) for n in range(12)]
    AnnotationFactory(article=article, kind="note", start=61, end=64)
    return made


def _ids(body):
    return [row["id"] for row in body["results"]]


def test_default_count_cap_is_a_thousand_rows():
    assert API_COUNT_CAP == 1_000


def test_list_count_is_exact_under_the_cap(client_for, annotator, twelve_typos):
    body = client_for(annotator).get(f"{ANNOTATIONS}?kind=typo&page_size=5").json()
    assert list(body) == ["count", "count_exact", "next", "previous", "results"]
    assert (body["count"], body["count_exact"]) == (12, True)
    assert "page=2" in body["next"]
    assert body["previous"] is None


@override_settings(API_COUNT_CAP=12)
def test_list_count_at_exactly_the_cap_is_exact(client_for, annotator, twelve_typos):
    body = client_for(annotator).get(f"{ANNOTATIONS}?kind=typo&page_size=5").json()
    assert (body["count"], body["count_exact"]) == (12, True)


@override_settings(API_COUNT_CAP=5)
def test_list_past_the_cap_walks_every_row_with_exact_links(client_for, annotator, twelve_typos):
    client = client_for(annotator)
    expected = [a.pk for a in Annotation.objects.filter(kind="typo").order_by("article_id", "start", "end", "id")]
    seen, url, pages = [], f"{ANNOTATIONS}?kind=typo&page_size=4", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["count"], body["count_exact"]) == (5, False)  # a lower bound, flagged
        seen += _ids(body)
        pages += 1
        if pages > 1:
            assert body["previous"] is not None
        url = body["next"]
    assert seen == expected
    assert pages == 3
    last = client.get(f"{ANNOTATIONS}?kind=typo&page_size=4&page=3").json()
    assert last["next"] is None and "page=2" in last["previous"]
    assert len(last["results"]) == 4


@override_settings(API_COUNT_CAP=5)
def test_list_past_the_cap_serves_a_page_beyond_the_count_and_404s_an_empty_one(client_for, annotator, twelve_typos):
    client = client_for(annotator)
    beyond = client.get(f"{ANNOTATIONS}?kind=typo&page_size=2&page=6")  # rows 11-12, past the counted 5
    assert beyond.status_code == 200
    assert len(beyond.json()["results"]) == 2
    assert beyond.json()["next"] is None
    assert client.get(f"{ANNOTATIONS}?kind=typo&page_size=2&page=7").status_code == 404
    assert client.get(f"{ANNOTATIONS}?kind=typo&page_size=2&page=0").status_code == 404
    assert client.get(f"{ANNOTATIONS}?kind=typo&page_size=2&page=x").status_code == 404


@override_settings(API_COUNT_CAP=5)
def test_list_past_the_cap_in_the_browsable_api_shows_deep_pages(client_for, annotator, twelve_typos):
    response = client_for(annotator).get(f"{ANNOTATIONS}?kind=typo&page_size=2&page=5", HTTP_ACCEPT="text/html")
    assert response.status_code == 200


@override_settings(API_COUNT_CAP=5)
def test_list_page_carries_its_bounded_unordered_count(client_for, annotator, twelve_typos):
    """One query: the page, with the capped count as a scalar subquery (PostgreSQL runs it once)."""
    client = client_for(annotator)
    client.get(f"{ANNOTATIONS}?kind=typo")
    with CaptureQueriesContext(connection) as captured:
        body = client.get(f"{ANNOTATIONS}?kind=typo").json()
    assert len(captured) == 1, [q["sql"] for q in captured]
    sql = captured[0]["sql"]
    inner = sql[sql.index("(SELECT COUNT(*) FROM (") : sql.index(") AS counted")]
    assert "LIMIT 6" in inner and "ORDER BY" not in inner, sql
    assert (body["count"], body["count_exact"]) == (5, False)
    assert "_capped_count" not in body["results"][0]


def test_empty_list_is_an_exact_zero(client_for, annotator):
    body = client_for(annotator).get(f"{ANNOTATIONS}?kind=typo").json()
    assert body == {"count": 0, "count_exact": True, "next": None, "previous": None, "results": []}


@override_settings(API_COUNT_CAP=3)
def test_every_paginated_list_flags_a_capped_count(client_for, staff):
    for n in range(5):
        SourceFactory(name=f"Capped {n}")
    body = client_for(staff).get("/api/v1/sources/?page_size=2").json()
    assert (body["count"], body["count_exact"]) == (3, False)
    assert len(body["results"]) == 2 and body["next"]


def test_paginator_on_a_plain_list_counts_it_up_to_the_cap():
    paginator = CappedCountPaginator(list(range(7)), 2, count_cap=5)
    assert (paginator.count, paginator.count_exact) == (5, False)
    page = paginator.page(4)
    assert list(page) == [6] and not page.has_next() and page.previous_page_number() == 3
    exact = CappedCountPaginator(list(range(5)), 2, count_cap=5)
    assert (exact.count, exact.count_exact, exact.num_pages) == (5, True, 3)


def test_schema_documents_the_capped_count(anonymous_client):
    schema = anonymous_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paginated = schema["components"]["schemas"]["PaginatedAnnotationList"]
    assert list(paginated["properties"]) == ["count", "count_exact", "next", "previous", "results"]
    assert paginated["properties"]["count_exact"]["type"] == "boolean"
    assert "lower bound" in paginated["properties"]["count"]["description"]
    assert "count_exact" in paginated["required"]


def test_page_last_counts_first_and_serves_the_last_page(client_for, annotator, twelve_typos):
    body = client_for(annotator).get(f"{ANNOTATIONS}?kind=typo&page_size=5&page=last").json()
    assert (body["count"], body["count_exact"], len(body["results"]), body["next"]) == (12, True, 2, None)


def test_exact_list_page_beyond_the_end_is_a_404(client_for, annotator, twelve_typos):
    client = client_for(annotator)
    assert client.get(f"{ANNOTATIONS}?kind=typo&page_size=5&page=3").status_code == 200
    assert client.get(f"{ANNOTATIONS}?kind=typo&page_size=5&page=4").status_code == 404


def test_grouped_list_is_counted_on_its_own(client_for, annotator, twelve_typos):
    """Articles carry an aggregate (annotation_count): their count stays a separate query."""
    ArticleFactory()
    client = client_for(annotator)
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/api/v1/articles/?page_size=1").json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (2, True, 1)
    assert sum("COUNT(*) FROM" in q["sql"] for q in captured) == 1
    assert not any("AS counted" in q["sql"] for q in captured)


def test_paginator_page_of_a_model_queryset_carries_the_count_and_drops_the_column():
    SourceFactory.create_batch(4)
    paginator = CappedCountPaginator(Source.objects.order_by("id"), 3, count_cap=10)
    with CaptureQueriesContext(connection) as captured:
        page = paginator.page(2)
        assert (paginator.count, paginator.count_exact, paginator.num_pages, page.has_next()) == (4, True, 2, False)
    assert len(captured) == 1
    assert [s.pk for s in page] == list(Source.objects.order_by("id").values_list("pk", flat=True))[3:]
    assert not hasattr(page[0], "_capped_count")
    assert list(CappedCountPaginator(Source.objects.none(), 3).page(1)) == []


def test_a_filter_that_can_match_nothing_is_an_empty_page(client_for, staff):
    """Found by schemathesis: a rating range outside the column's range compiles to no SQL at all."""
    SourceFactory(rating=50)
    response = client_for(staff).get("/api/v1/sources/?min_rating=5000&max_rating=-363903")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "count_exact": True, "next": None, "previous": None, "results": []}
    assert client_for(staff).get("/api/v1/sources/?min_rating=5000&page=2").status_code == 404
