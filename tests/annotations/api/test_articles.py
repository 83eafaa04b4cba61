"""The articles API: CRUD through the services, embedded annotations, filters, roles and bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from annotations.models import Annotation, Article
from credibility.models import AnalysisRun
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
BODY = "The mayor said taxes will rise. Critics disagree."


def detail(article_id: int) -> str:
    return f"{ARTICLES}{article_id}/"


def test_article_list_unauthenticated_gets_401(anonymous_client):
    ArticleFactory()
    response = anonymous_client.get(ARTICLES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_article_list_accepts_token_authentication(anonymous_client, annotator):
    from rest_framework.authtoken.models import Token

    article = ArticleFactory()
    token = Token.objects.create(user=annotator)
    response = anonymous_client.get(ARTICLES, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [article.pk]


def test_article_list_shows_summary_fields(client_for, annotator):
    outlet = SourceFactory(name="Daily Example", kind="outlet")
    article = ArticleFactory(outlet=outlet, url="https://news.example.org/a")
    AnnotationFactory.create_batch(2, article=article)
    response = client_for(annotator).get(ARTICLES)
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["id"] == article.pk
    assert row["url"] == "https://news.example.org/a"
    assert row["outlet"] == {"id": outlet.pk, "name": "Daily Example", "kind": "outlet"}
    assert row["analysis_state"] == "pending"
    assert row["annotation_count"] == 2
    assert "body" not in row


def test_article_create_stores_article_and_requests_analysis(client_for, annotator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(annotator).post(
            ARTICLES, {"title": "Budget", "body": BODY, "url": "https://news.example.org/budget"}, format="json"
        )
    assert response.status_code == 201, response.content
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert article.created_by == annotator
    assert data["body"] == BODY
    assert data["annotations"] == []
    assert AnalysisRun.objects.filter(article=article).count() == 1
    assert len(callbacks) == 1  # the analysis task is enqueued only on commit


def test_article_create_rejects_empty_body(client_for, annotator):
    response = client_for(annotator).post(ARTICLES, {"title": "Empty", "body": ""}, format="json")
    assert response.status_code == 400
    assert "body" in response.json()
    assert not Article.objects.exists()
    assert not AnalysisRun.objects.exists()


def test_article_create_rejects_whitespace_only_body(client_for, annotator):
    response = client_for(annotator).post(ARTICLES, {"title": "Blank", "body": "  \n\t "}, format="json")
    assert response.status_code == 400
    assert response.json()["body"] == ["The body may not be empty."]
    assert not Article.objects.exists()


def test_article_create_duplicate_url_is_409_naming_existing(client_for, annotator):
    existing = ArticleFactory(url="https://news.example.org/same")
    response = client_for(annotator).post(
        ARTICLES, {"title": "Again", "body": BODY, "url": "https://news.example.org/same"}, format="json"
    )
    assert response.status_code == 409
    data = response.json()
    assert data["existing_article"] == existing.pk
    assert f"id {existing.pk}" in data["url"][0]
    assert Article.objects.count() == 1
    assert not AnalysisRun.objects.exists()


def test_article_update_to_duplicate_url_is_409(client_for, annotator):
    ArticleFactory(url="https://news.example.org/taken")
    article = ArticleFactory(url="https://news.example.org/mine")
    response = client_for(annotator).patch(
        detail(article.pk),
        {"url": "https://news.example.org/taken"},
        format="json",
        HTTP_IF_MATCH=f'"{article.version}"',
    )
    assert response.status_code == 409
    article.refresh_from_db()
    assert article.url == "https://news.example.org/mine"


def test_article_create_malformed_json_is_400(client_for, annotator):
    response = client_for(annotator).post(
        ARTICLES, data='{"title": "Broken", "body": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "Malformed" in response.json()["detail"]
    assert not Article.objects.exists()


def test_article_create_rejects_unknown_and_read_only_fields(client_for, annotator):
    response = client_for(annotator).post(
        ARTICLES, {"title": "T", "body": BODY, "bodyy": "typo", "analysis_state": "done"}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert "Unknown field" in errors["bodyy"][0]
    assert "read-only" in errors["analysis_state"][0]
    assert not Article.objects.exists()


def test_article_create_without_role_is_403(client_for):
    response = client_for(UserFactory()).post(ARTICLES, {"title": "T", "body": BODY}, format="json")
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_article_list_readable_without_role(client_for):
    ArticleFactory()
    assert client_for(UserFactory()).get(ARTICLES).status_code == 200


def test_article_update_changes_text_through_service(client_for, annotator, django_capture_on_commit_callbacks):
    article = ArticleFactory(body=BODY)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(annotator).patch(
            detail(article.pk), {"body": BODY + " More."}, format="json", HTTP_IF_MATCH=f'"{article.version}"'
        )
    assert response.status_code == 200, response.content
    article.refresh_from_db()
    assert article.body == BODY + " More."
    assert article.revision == 2
    assert len(callbacks) == 1


def test_article_delete_is_staff_only(client_for, annotator, staff):
    article = ArticleFactory()
    assert client_for(annotator).delete(detail(article.pk)).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
    assert client_for(staff).delete(detail(article.pk)).status_code == 204
    assert not Article.objects.filter(pk=article.pk).exists()


def test_article_detail_embeds_annotations_in_constant_queries(client_for, annotator, django_assert_max_num_queries):
    client = client_for(annotator)
    article = ArticleFactory(outlet=SourceFactory(kind="outlet"))
    AnnotationFactory(article=article)
    with django_assert_max_num_queries(2):
        client.get(detail(article.pk))

    other = ArticleFactory()
    other_note = AnnotationFactory(article=other)
    for _ in range(3):
        AnnotationFactory(article=article, kind="source_attribution", source=SourceFactory())
    AnnotationFactory(article=article, kind="contradicted_claim", evidence_factcheck=FactCheckFactory())
    AnnotationFactory(article=article, kind="contradicted_claim", evidence_annotation=other_note)
    with django_assert_max_num_queries(2):
        response = client.get(detail(article.pk))

    data = response.json()
    assert len(data["annotations"]) == 6
    assert data["annotation_count"] == 6
    evidences = [a["evidence"] for a in data["annotations"] if a["evidence"]]
    assert {"article": other.pk, "annotation": other_note.pk, "quote": other_note.quote} in evidences
    assert any(e.get("verdict") == "false" for e in evidences)


def test_article_list_filters_by_state_outlet_and_published_range(client_for, annotator):
    outlet = SourceFactory(kind="outlet")
    match = ArticleFactory(analysis_state="done", outlet=outlet, published_at=datetime(2024, 5, 1, tzinfo=UTC))
    ArticleFactory(analysis_state="pending", outlet=outlet, published_at=datetime(2024, 5, 1, tzinfo=UTC))
    ArticleFactory(analysis_state="done", published_at=datetime(2024, 5, 1, tzinfo=UTC))
    ArticleFactory(analysis_state="done", outlet=outlet, published_at=datetime(2023, 1, 1, tzinfo=UTC))
    response = client_for(annotator).get(
        ARTICLES,
        {
            "analysis_state": "done",
            "outlet": outlet.pk,
            "published_at_after": "2024-01-01T00:00:00Z",
            "published_at_before": "2024-12-31T00:00:00Z",
        },
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [match.pk]


def test_article_list_rejects_unknown_filter_choice(client_for, annotator):
    response = client_for(annotator).get(ARTICLES, {"analysis_state": "exploded"})
    assert response.status_code == 400


def test_article_list_searches_title_and_body_and_orders(client_for, annotator):
    by_title = ArticleFactory(title="Harvest festival", body="Nothing to see.")
    by_body = ArticleFactory(title="Local news", body="The harvest was poor this year.")
    ArticleFactory(title="Sports", body="A match was played.")
    client = client_for(annotator)
    found = client.get(ARTICLES, {"search": "harvest", "ordering": "title"}).json()["results"]
    assert [row["id"] for row in found] == [by_title.pk, by_body.pk]
    found = client.get(ARTICLES, {"search": "harvest", "ordering": "-title"}).json()["results"]
    assert [row["id"] for row in found] == [by_body.pk, by_title.pk]


def test_article_list_is_paginated(client_for, annotator):
    ArticleFactory.create_batch(3)
    data = client_for(annotator).get(ARTICLES, {"page_size": 2}).json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert data["next"]


def test_article_analyze_answers_202_with_run_id(client_for, annotator, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(annotator).post(f"{detail(article.pk)}analyze/")
    assert response.status_code == 202, response.content
    data = response.json()
    run = AnalysisRun.objects.get(pk=data["run_id"])
    assert data == {"run_id": run.pk, "article": article.pk, "state": "pending"}
    assert run.requested_by == annotator
    assert len(callbacks) == 1


def test_article_analyze_runs_the_pipeline_when_committed(client_for, annotator, django_capture_on_commit_callbacks):
    article = ArticleFactory(body="It is thought that the minister wasfollowed by journalists.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(annotator).post(f"{detail(article.pk)}analyze/")
    run = AnalysisRun.objects.get(pk=response.json()["run_id"])
    assert run.state == "done", run.error
    article.refresh_from_db()
    assert article.analysis_state == "done"
    assert Annotation.objects.filter(article=article, origin="machine").exists()


def test_article_analyze_unknown_article_is_404(client_for, annotator):
    assert client_for(annotator).post(f"{detail(999999)}analyze/").status_code == 404
    assert not AnalysisRun.objects.exists()


def test_article_analyze_without_role_is_403(client_for):
    article = ArticleFactory()
    assert client_for(UserFactory()).post(f"{detail(article.pk)}analyze/").status_code == 403
    assert not AnalysisRun.objects.exists()


def test_article_analyze_unauthenticated_is_401(anonymous_client):
    article = ArticleFactory()
    assert anonymous_client.post(f"{detail(article.pk)}analyze/").status_code == 401
