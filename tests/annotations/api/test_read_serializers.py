"""The hand-written read serializer (issue 8) gives DRF's field-by-field output, byte for byte.

``AnnotationSerializer.to_representation`` is written out by hand for speed; the declared fields
stay the contract. The reference is DRF's own ``Serializer.to_representation`` over those same
declared fields, so any drift (a field added to Meta.fields but not to the hand-written dict, a
changed format) fails here. Rows cover every relation filled and empty, nulls, blanks, non-ASCII
text, several statuses and anchor states, and a non-UTC current time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations.api.serializers import AnnotationSerializer, ArticleDetailSerializer, ArticleListSerializer
from annotations.models import Annotation
from annotations.selectors import (
    annotation_list,
    annotation_read_list,
    annotation_read_rows,
    article_annotation_rows,
    article_detail_list,
    article_list,
)
from annotations.services.annotations import annotation_create
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory
from tests.serializer_reference import drf_representation, render

pytestmark = pytest.mark.django_db

BODY = "Le maire a dit « 40 % » des impôts. Critics 🙂 disagree, experts say. Another claim follows here."


def reference(instance: Annotation) -> dict[str, Any]:
    """DRF's generic walk over the declared fields: what the serializer gave before issue 8."""
    return drf_representation(AnnotationSerializer, instance)


@pytest.fixture
def varied() -> list[Annotation]:
    article = ArticleFactory(body=BODY)
    other = ArticleFactory(body="Unrelated text with a quote in it.")
    user, reviewer = UserFactory(), UserFactory(roles=["reviewer"])
    evidence_target = AnnotationFactory(article=other, kind="note", start=0, end=9, comment="")
    made = [
        AnnotationFactory(
            article=article, kind="note", start=0, end=8, comment='He said "hi" \\ there', created_by=user
        ),
        AnnotationFactory(
            article=article,
            kind="typo",
            start=9,
            end=14,
            origin="machine",
            detector="typo@2",
            rule="doubled",
            confidence=0.0,
            suggestion="",
            explanation="Repeated word.",
        ),
        AnnotationFactory(article=article, kind="typo", start=15, end=18, suggestion="dit", confidence=1.0),
        AnnotationFactory(
            article=article,
            kind="unverified_claim",
            start=19,
            end=25,
            reason="hedged",
            origin="machine",
            detector="unsourced@3",
            confidence=0.731,
            status="confirmed",
            reviewer=reviewer,
            reviewed_at=datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=UTC),
            review_note="Checked ✓",
            assignee=reviewer,
        ),
        AnnotationFactory(
            article=article,
            kind="source_attribution",
            start=36,
            end=43,
            source=SourceFactory(name="Jürgen Ø. Smith", kind="person"),
            created_by=user,
        ),
        AnnotationFactory(
            article=article,
            kind="contradicted_claim",
            start=44,
            end=52,
            origin="machine",
            detector="contra@1",
            evidence_factcheck=FactCheckFactory(
                identifier=None, url="https://fc.example.org/1", verdict="mostly_false", rating_label="Mostly «false»"
            ),
            status="dismissed",
            reviewer=reviewer,
            reviewed_at=datetime(2020, 1, 1, tzinfo=UTC),
        ),
        AnnotationFactory(
            article=article,
            kind="contradicted_claim",
            start=53,
            end=60,
            origin="machine",
            detector="contra@1",
            evidence_factcheck=FactCheckFactory(url=None),
            status="resolved",
        ),
        AnnotationFactory(
            article=article,
            kind="contradicted_claim",
            start=61,
            end=70,
            evidence_annotation=evidence_target,
            anchor_state="moved",
        ),
        AnnotationFactory(
            article=article,
            kind="unverified_claim",
            start=71,
            end=78,
            reason="unsourced",
            anchor_state="orphaned",
            prefix="",
            suffix="",
        ),
    ]
    return [*made, evidence_target]


def _assert_same(instance: Annotation) -> None:
    fast = AnnotationSerializer(instance).data
    expected = reference(instance)
    assert list(fast) == list(expected)
    assert render(fast) == render(expected), instance.pk


def test_annotation_read_serializer_matches_drf_fields_on_varied_rows(varied):
    rows = list(annotation_read_list().order_by("id"))
    assert len(rows) == len(varied)
    for row in rows:
        _assert_same(row)


def test_annotation_read_serializer_matches_drf_fields_on_read_rows(varied):
    """The rows of annotation_read_rows() (dicts, for lists and embeds) present like the models."""
    rows = list(annotation_read_rows().order_by("id"))
    assert len(rows) == len(varied)
    for row in rows:
        expected = reference(Annotation.objects.get(pk=row["id"]))
        fast = AnnotationSerializer(row).data
        assert list(fast) == list(expected)
        assert render(fast) == render(expected), row["id"]
    with timezone.override("America/St_Johns"):
        for row in rows:
            assert render(AnnotationSerializer(row).data) == render(reference(Annotation.objects.get(pk=row["id"])))


def test_annotation_read_serializer_matches_drf_fields_on_every_selector(varied):
    for row in [*annotation_list().order_by("id"), *Annotation.objects.order_by("id")]:
        _assert_same(row)


def test_annotation_read_serializer_matches_drf_fields_in_another_time_zone(varied):
    with timezone.override("America/St_Johns"):  # -03:30 / -02:30: offsets with minutes
        for row in annotation_read_list():
            fast = AnnotationSerializer(row).data
            assert render(fast) == render(reference(row))
            assert fast["created_at"].endswith(("-03:30", "-02:30"))


def test_annotation_read_serializer_matches_drf_fields_on_a_fresh_service_result(annotator):
    """Straight from a service (choice enums, Python-side defaults), before any reload."""
    article = ArticleFactory(body=BODY)
    made = annotation_create(
        article=article,
        kind="source_attribution",
        start=36,
        end=43,
        source=SourceFactory(),
        created_by=annotator,
    )
    _assert_same(made)


def test_annotation_many_matches_drf_fields(varied):
    rows = list(annotation_read_list())
    fast = AnnotationSerializer(rows, many=True).data
    assert render(fast) == render([reference(row) for row in rows])


def test_annotation_list_endpoint_answers_the_reference_json(client_for, annotator, varied):
    response = client_for(annotator).get("/api/v1/annotations/?page_size=500")
    assert response.status_code == 200
    body = response.json()
    expected = [reference(row) for row in Annotation.objects.order_by("article_id", "start", "end", "id")]
    assert body["count"] == len(expected)
    assert render(body["results"]) == render(expected)


def test_annotation_detail_endpoint_answers_the_reference_json(client_for, annotator, varied):
    for row in varied:
        response = client_for(annotator).get(f"/api/v1/annotations/{row.pk}/")
        assert response.status_code == 200
        assert response.content == render(reference(Annotation.objects.get(pk=row.pk)))


def test_article_detail_embeds_the_reference_json(client_for, annotator, varied):
    article = varied[0].article
    response = client_for(annotator).get(f"/api/v1/articles/{article.pk}/")
    assert response.status_code == 200
    expected = [reference(row) for row in article.annotations.order_by("start", "end", "id")]
    assert render(response.json()["annotations"]) == render(expected)
    assert response.json()["annotation_count"] == len(expected)


def article_reference(article, *, detail: bool) -> dict[str, Any]:
    """DRF's walk over the article serializers' declared fields (annotations: the reference above)."""
    serializer_class = ArticleDetailSerializer if detail else ArticleListSerializer
    data = drf_representation(serializer_class, article)
    if detail:
        data["annotations"] = [reference(a) for a in article.annotations.order_by("start", "end", "id")]
    return data


@pytest.fixture
def articles(varied):
    outlet = SourceFactory(name="Le Monde « test »", kind="outlet")
    ArticleFactory(
        title="Dated ✓",
        url="https://example.org/a?b=1",
        outlet=outlet,
        byline="Zoë",
        published_at=datetime(2023, 7, 8, 9, 10, 11, 120000, tzinfo=UTC),
        language="fr",
        analysis_state="done",
        analyzed_at=datetime(2023, 7, 8, 9, 10, 12, tzinfo=UTC),
        created_by=UserFactory(),
    )
    ArticleFactory(title="Empty", url=None, body="Nothing flagged here.")
    return list(article_list(with_counts=True).order_by("id"))


def test_article_serializers_match_drf_fields(articles):
    for article in articles:
        for detail, serializer_class in ((False, ArticleListSerializer), (True, ArticleDetailSerializer)):
            expected = article_reference(article, detail=detail)
            from_models = serializer_class(article).data
            assert list(from_models) == list(expected)
            assert render(from_models) == render(expected), (article.pk, detail)
        rows = ArticleDetailSerializer(
            article, context={"annotation_rows": article_annotation_rows(article=article)}
        ).data
        assert render(rows) == render(article_reference(article, detail=True)), article.pk


def test_article_serializer_without_a_count_leaves_it_out_as_drf_does(articles):
    article = article_detail_list().get(pk=articles[0].pk)
    assert "annotation_count" not in ArticleDetailSerializer(article).data
    assert render(ArticleDetailSerializer(article).data) == render(article_reference(article, detail=True))


def test_article_endpoints_answer_the_reference_json(client_for, annotator, articles):
    client = client_for(annotator)
    listed = client.get("/api/v1/articles/?page_size=500&ordering=created_at").json()["results"]
    assert render(listed) == render([article_reference(a, detail=False) for a in articles])
    for article in articles:
        response = client.get(f"/api/v1/articles/{article.pk}/")
        assert response.content == render(article_reference(article, detail=True))
        assert response["ETag"] == f'"{article.version}"'


@pytest.mark.parametrize("as_rows", [False, True])
def test_article_detail_reads_join_only_what_is_shown(varied, as_rows):
    """One query for the article, one for its annotations with their source and evidence."""
    article = varied[0].article
    with CaptureQueriesContext(connection) as captured:
        if as_rows:
            fetched = article_list(with_counts=True).get(pk=article.pk)
            rows = article_annotation_rows(article=fetched)
        else:
            fetched = article_detail_list(with_counts=True).get(pk=article.pk)
            rows = list(fetched.annotations.all())
        AnnotationSerializer(rows, many=True).data  # noqa: B018
    assert len(captured) == 2, [q["sql"] for q in captured]
    annotations_sql = captured[1]["sql"]
    assert "auth_user" not in annotations_sql
    assert '"raw"' not in annotations_sql  # a fact-check's imported record is never shown here
    assert len(rows) == article.annotations.count()


@pytest.mark.parametrize(
    "query",
    ["kind=typo", "kind=typo&kind=note", "kind=unverified_claim&status=open", "anchor_state=orphaned&status=open"],
)
def test_annotation_list_choice_filters_add_no_distinct(client_for, annotator, varied, query):
    """A multiple-choice filter on an own column cannot repeat a row: no DISTINCT over every column."""
    client = client_for(annotator)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/annotations/?{query}")
    assert response.status_code == 200
    assert not any("DISTINCT" in q["sql"] for q in captured), [q["sql"] for q in captured]


def test_annotation_list_choice_filters_keep_their_results(client_for, annotator, varied):
    client = client_for(annotator)
    both = client.get("/api/v1/annotations/?kind=typo&kind=contradicted_claim&page_size=500").json()
    expected = Annotation.objects.filter(kind__in=["typo", "contradicted_claim"]).order_by(
        "article_id", "start", "end", "id"
    )
    assert [row["id"] for row in both["results"]] == [a.pk for a in expected]
    assert both["count"] == expected.count()


def test_browsable_api_renders_the_read_endpoints(client_for, staff, articles):
    """The HTML renderer (forms, raw data) also copes with row-based lists and detail views.

    Every page, for every role, is in ``tests/test_browsable_api.py``.
    """
    client = client_for(staff)
    for path in (
        "/api/v1/annotations/?kind=typo",
        "/api/v1/annotations/?ordering=-confidence&search=e",
        "/api/v1/annotations/?ordering=article",
        f"/api/v1/articles/{articles[0].pk}/",
        "/api/v1/articles/",
        "/api/v1/sources/",
        "/api/v1/sources/?search=a",
    ):
        response = client.get(path, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, (path, response.content[:300])
