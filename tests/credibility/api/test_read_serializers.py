"""The hand-written source serializer (issue 8) gives DRF's field-by-field output, byte for byte.

The reference is DRF's own ``Serializer.to_representation`` over ``SourceSerializer``'s declared
fields. Sources cover rated and unrated, scored and unscored, several aliases (their order is the
aliases' own, by alias) and none, non-ASCII names.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from credibility.api.serializers import SourceSerializer
from credibility.models import Source
from credibility.selectors import source_alias_names, source_list
from credibility.services.sources import normalize_name
from tests.credibility.factories import SourceFactory
from tests.serializer_reference import drf_representation, render

pytestmark = pytest.mark.django_db


def reference(instance: Source) -> dict[str, Any]:
    return drf_representation(SourceSerializer, instance)


@pytest.fixture
def sources() -> list[Source]:
    made = [
        SourceFactory(
            name="Ministère de la Santé", kind="organization", rating=85, rating_rationale="Official «data»."
        ),
        SourceFactory(name="Anon", kind="person", rating=None, description="", domain=""),
        SourceFactory(
            name="The Daily",
            kind="outlet",
            domain="daily.example.org",
            rating=0,
            score=12.5,
            score_prior=0.0,
            track_contradicted=3,
            track_unverified=2,
            track_dismissed=1,
            track_sourced=4,
            track_pending=7,
            score_computed_at=datetime(2024, 5, 6, 7, 8, 9, 10, tzinfo=UTC),
        ),
        SourceFactory(name="Zed", kind="person", rating=100, score=99.99),
    ]
    for alias in ("zeta", "Alpha", "mid 🙂"):
        made[0].aliases.create(alias=alias, normalized_alias=normalize_name(alias))
    made[2].aliases.create(alias="TD", normalized_alias="td")
    return made


def test_source_read_serializer_matches_drf_fields(sources):
    for row in source_list().order_by("id"):
        fast = SourceSerializer(row).data
        expected = reference(Source.objects.get(pk=row.pk))  # aliases through the manager, as before
        assert list(fast) == list(expected)
        assert render(fast) == render(expected), row.name


def test_source_read_serializer_without_the_prefetch_reads_the_aliases_itself(sources):
    for row in Source.objects.order_by("id"):
        assert render(SourceSerializer(row).data) == render(reference(row))


def test_source_read_serializer_matches_drf_fields_in_another_time_zone(sources):
    with timezone.override("Asia/Kathmandu"):
        for row in source_list():
            assert render(SourceSerializer(row).data) == render(reference(row))


def test_source_list_endpoint_answers_the_reference_json(client_for, annotator, sources):
    response = client_for(annotator).get("/api/v1/sources/?page_size=500")
    assert response.status_code == 200
    expected = [reference(row) for row in Source.objects.order_by("name")]
    assert render(response.json()["results"]) == render(expected)
    aliases = {row["name"]: row["aliases"] for row in response.json()["results"]}
    assert aliases["Ministère de la Santé"] == ["Alpha", "mid 🙂", "zeta"]
    assert aliases["Anon"] == []


def test_source_detail_endpoint_answers_the_reference_json(client_for, annotator, sources):
    for row in sources:
        response = client_for(annotator).get(f"/api/v1/sources/{row.pk}/")
        assert response.status_code == 200
        assert response.content == render(reference(Source.objects.get(pk=row.pk)))


def test_source_list_page_reads_aliases_in_one_query(sources):
    with CaptureQueriesContext(connection) as captured:
        rows = list(source_list())
        SourceSerializer(rows, many=True).data  # noqa: B018
    assert len(captured) == 2, [q["sql"] for q in captured]


def test_source_kind_filter_adds_no_distinct(client_for, annotator, sources):
    with CaptureQueriesContext(connection) as captured:
        response = client_for(annotator).get("/api/v1/sources/?kind=person&kind=outlet")
    assert response.status_code == 200
    assert sorted(row["name"] for row in response.json()["results"]) == ["Anon", "The Daily", "Zed"]
    assert not any("DISTINCT" in q["sql"] for q in captured)


def test_source_search_by_alias_still_lists_each_source_once(client_for, annotator, sources):
    """Search joins the aliases (to-many): SearchFilter keeps its own DISTINCT there."""
    sources[0].aliases.create(alias="Alpha two", normalized_alias="alpha two")
    response = client_for(annotator).get("/api/v1/sources/?search=alpha&kind=organization")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["Ministère de la Santé"]
    assert response.json()["count"] == 1


def test_source_read_serializer_with_a_page_s_alias_names_matches_drf_fields(sources):
    rows = list(source_list(with_aliases=False).order_by("id"))
    names = source_alias_names(sources=rows)
    assert names[sources[0].pk] == ["Alpha", "mid 🙂", "zeta"]
    assert sources[1].pk not in names
    fast = SourceSerializer(rows, many=True, context={"alias_names": names}).data
    assert render(fast) == render([reference(Source.objects.get(pk=row.pk)) for row in rows])


def test_source_alias_names_of_no_sources_asks_nothing():
    with CaptureQueriesContext(connection) as captured:
        assert source_alias_names(sources=[]) == {}
    assert len(captured) == 0


def test_source_list_endpoint_reads_a_page_in_two_queries(client_for, annotator, sources):
    """The page with its count, and the page's alias texts (no prefetch machinery, no alias instances)."""
    client = client_for(annotator)
    client.get("/api/v1/sources/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/sources/")
    assert response.status_code == 200
    assert len(captured) == 2, [q["sql"] for q in captured]
