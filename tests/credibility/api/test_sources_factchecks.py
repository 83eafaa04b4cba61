"""Sources, fact-checks and analysis runs over the API: reads for everyone logged in, writes for staff."""

from __future__ import annotations

import pytest

from credibility.models import AnalysisRun, FactCheck, Source
from tests.annotations.factories import ArticleFactory, UserFactory
from tests.credibility.factories import AnalysisRunFactory, FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

SOURCES = "/api/v1/sources/"
FACTCHECKS = "/api/v1/factchecks/"
RUNS = "/api/v1/analysis-runs/"


def test_source_list_unauthenticated_is_401(anonymous_client):
    assert anonymous_client.get(SOURCES).status_code == 401
    assert anonymous_client.get(FACTCHECKS).status_code == 401
    assert anonymous_client.get(RUNS).status_code == 401


def test_source_create_by_staff_stores_rating_and_aliases(client_for, staff):
    response = client_for(staff).post(
        SOURCES,
        {
            "name": "Verkhovna Rada",
            "kind": "government_body",
            "aliases": ["the Rada", "Ukraine's parliament"],
            "rating": 80,
            "rating_rationale": "Official record.",
            "domain": "rada.gov.ua",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert sorted(data["aliases"]) == ["Ukraine's parliament", "the Rada"]
    assert (data["rating"], data["rating_rationale"], data["kind"]) == (80, "Official record.", "government_body")
    assert Source.objects.get(pk=data["id"]).normalized_name == "verkhovna rada"


def test_source_create_by_annotator_is_403(client_for, annotator, reviewer):
    for user in (annotator, reviewer):
        response = client_for(user).post(SOURCES, {"name": "Someone", "kind": "person"}, format="json")
        assert response.status_code == 403
    assert not Source.objects.exists()


def test_source_rating_update_is_staff_only(client_for, staff, annotator):
    source = SourceFactory(rating=50)
    assert client_for(annotator).patch(f"{SOURCES}{source.pk}/", {"rating": 90}, format="json").status_code == 403
    source.refresh_from_db()
    assert source.rating == 50
    response = client_for(staff).patch(
        f"{SOURCES}{source.pk}/", {"rating": 10, "rating_rationale": "Repeatedly wrong."}, format="json"
    )
    assert response.status_code == 200, response.content
    source.refresh_from_db()
    assert (source.rating, source.rating_rationale) == (10, "Repeatedly wrong.")


def test_source_rating_out_of_range_is_400(client_for, staff):
    source = SourceFactory(rating=50)
    response = client_for(staff).patch(f"{SOURCES}{source.pk}/", {"rating": 101}, format="json")
    assert response.status_code == 400
    source.refresh_from_db()
    assert source.rating == 50


def test_source_create_unknown_kind_and_duplicate_name_are_400(client_for, staff):
    SourceFactory(name="Vitaliy Kyrylov")
    client = client_for(staff)
    response = client.post(SOURCES, {"name": "X", "kind": "alien"}, format="json")
    assert response.status_code == 400
    assert '"alien" is not a valid source kind' in response.json()["kind"][0]
    response = client.post(SOURCES, {"name": "vitaliy  kyrylov", "kind": "person"}, format="json")
    assert response.status_code == 400
    assert "already exists" in response.json()["name"][0]
    assert Source.objects.count() == 1


def test_source_delete_by_staff(client_for, staff):
    source = SourceFactory()
    assert client_for(staff).delete(f"{SOURCES}{source.pk}/").status_code == 204
    assert not Source.objects.exists()


def test_source_list_filters_by_kind_and_searches_aliases(client_for, annotator, staff):
    rada = (
        client_for(staff)
        .post(SOURCES, {"name": "Verkhovna Rada", "kind": "government_body", "aliases": ["the Rada"]}, format="json")
        .json()
    )
    person = SourceFactory(name="Vitaliy Kyrylov", kind="person")
    client = client_for(annotator)
    found = client.get(SOURCES, {"search": "rada"}).json()["results"]
    assert [row["id"] for row in found] == [rada["id"]]
    found = client.get(SOURCES, {"kind": "person"}).json()["results"]
    assert [row["id"] for row in found] == [person.pk]


def test_source_list_queries_do_not_grow_with_aliases(client_for, staff, annotator, django_assert_max_num_queries):
    for n in range(4):
        client_for(staff).post(
            SOURCES, {"name": f"S{n}", "kind": "person", "aliases": [f"a{n}", f"b{n}"]}, format="json"
        )
    with django_assert_max_num_queries(3):  # count, page, aliases
        response = client_for(annotator).get(SOURCES)
    assert len(response.json()["results"]) == 4


def test_factcheck_list_filters_by_verdict_and_publisher_and_searches_claim(client_for, annotator):
    false_one = FactCheckFactory(claim_reviewed="Vaccines contain microchips.", publisher="PolitiFact")
    FactCheckFactory(claim_reviewed="The bridge opened in 1990.", verdict="true", publisher="Snopes")
    client = client_for(annotator)
    assert [r["id"] for r in client.get(FACTCHECKS, {"verdict": "false"}).json()["results"]] == [false_one.pk]
    assert [r["id"] for r in client.get(FACTCHECKS, {"publisher": "politi"}).json()["results"]] == [false_one.pk]
    assert [r["id"] for r in client.get(FACTCHECKS, {"search": "microchips"}).json()["results"]] == [false_one.pk]
    assert client.get(FACTCHECKS, {"verdict": "nonsense"}).status_code == 400


def test_factcheck_create_by_staff_derives_verdict_from_label(client_for, staff):
    response = client_for(staff).post(
        FACTCHECKS,
        {
            "identifier": "fc-1",
            "url": "https://checks.example.org/1",
            "claim_reviewed": "Taxes doubled.",
            "rating_label": "Pants on Fire",
            "publisher": "PolitiFact",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["verdict"] == "false"
    assert FactCheck.objects.get(identifier="fc-1").verdict == "false"


def test_factcheck_create_needs_identifier_or_url(client_for, staff):
    response = client_for(staff).post(FACTCHECKS, {"claim_reviewed": "Anonymous."}, format="json")
    assert response.status_code == 400
    assert "identifier" in response.json()
    assert not FactCheck.objects.exists()


def test_factcheck_create_duplicate_identifier_is_400_naming_existing(client_for, staff):
    existing = FactCheckFactory(identifier="fc-dup")
    response = client_for(staff).post(FACTCHECKS, {"identifier": "fc-dup", "claim_reviewed": "Again."}, format="json")
    assert response.status_code == 400
    assert f"Fact-check {existing.pk}" in response.json()["identifier"][0]
    assert FactCheck.objects.count() == 1


def test_factcheck_write_is_staff_only(client_for, annotator):
    factcheck = FactCheckFactory()
    client = client_for(annotator)
    assert client.post(FACTCHECKS, {"identifier": "x", "claim_reviewed": "y"}, format="json").status_code == 403
    assert client.patch(f"{FACTCHECKS}{factcheck.pk}/", {"verdict": "true"}, format="json").status_code == 403
    factcheck.refresh_from_db()
    assert factcheck.verdict == "false"


def test_factcheck_update_rating_rederives_verdict(client_for, staff):
    factcheck = FactCheckFactory(rating_label="False", verdict="false")
    response = client_for(staff).patch(f"{FACTCHECKS}{factcheck.pk}/", {"rating_label": "Half True"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["verdict"] == "mixed"


def test_factcheck_import_is_idempotent(client_for, staff, annotator):
    records = [
        {
            "@type": "ClaimReview",
            "identifier": "imp-1",
            "url": "https://checks.example.org/imp-1",
            "claimReviewed": "The moon landing was staged.",
            "reviewRating": {"alternateName": "False"},
        },
        {"@type": "ClaimReview", "claimReviewed": "No identifier or url."},
    ]
    assert client_for(annotator).post(f"{FACTCHECKS}import/", records, format="json").status_code == 403
    client = client_for(staff)
    first = client.post(f"{FACTCHECKS}import/", records, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["created"] == 1
    assert first.json()["skipped"][0]["position"] == 2
    second = client.post(f"{FACTCHECKS}import/", records, format="json").json()
    assert (second["created"], second["unchanged"]) == (0, 1)
    assert FactCheck.objects.count() == 1


def test_factcheck_import_rejects_a_non_claimreview_document(client_for, staff):
    response = client_for(staff).post(f"{FACTCHECKS}import/", data="42", content_type="application/json")
    assert response.status_code == 400
    assert not FactCheck.objects.exists()


def test_analysis_run_list_filters_by_article_and_state(client_for, annotator):
    article = ArticleFactory()
    done = AnalysisRunFactory(article=article, state="done")
    AnalysisRunFactory(article=article, state="failed")
    AnalysisRunFactory(state="done")
    response = client_for(annotator).get(RUNS, {"article": article.pk, "state": "done"})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [done.pk]


def test_analysis_run_endpoint_is_read_only(client_for, staff):
    run = AnalysisRunFactory()
    client = client_for(staff)
    with client.schema_unchecked():  # methods the schema rightly does not list
        assert client.post(RUNS, {"article": run.article_id}, format="json").status_code == 405
        assert client.delete(f"{RUNS}{run.pk}/").status_code == 405
    assert AnalysisRun.objects.count() == 1


def test_reads_are_open_to_users_without_a_role(client_for):
    SourceFactory()
    FactCheckFactory()
    client = client_for(UserFactory())
    assert client.get(SOURCES).status_code == 200
    assert client.get(FACTCHECKS).status_code == 200
    assert client.get(RUNS).status_code == 200
