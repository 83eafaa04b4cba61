"""Annotation.checkworthiness and Article.low_value_flag_limit (issue 18): migration, analysis, API and admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import LOW_VALUE_FLAG_LIMIT_DEFAULT, Annotation
from credibility.analysis.claims.flag_value import claim_checkworthiness, flag_confidence
from credibility.services.analysis import analysis_run_execute
from tests.annotations.admin.test_admin import _article_form
from tests.annotations.factories import ArticleFactory, machine_flag
from tests.credibility.factories import AnalysisRunFactory

pytestmark = pytest.mark.django_db

BODY = "Unemployment rose to 7.2% in March, the highest rate since 1998. Nobody objected."
CLAIM = "Unemployment rose to 7.2% in March, the highest rate since 1998."


@pytest.mark.django_db(transaction=True)
def test_migration_adds_the_fields_with_their_defaults(migrator):
    executor = migrator()
    executor.migrate([("annotations", "0011_analysis_state_partial")])
    old = executor.loader.project_state([("annotations", "0011_analysis_state_partial")]).apps
    article = old.get_model("annotations", "Article").objects.create(title="t", body=BODY, body_sha256="0" * 64)
    old.get_model("annotations", "Annotation").objects.create(
        article=article, kind="unverified_claim", start=0, end=len(CLAIM), quote=CLAIM, confidence=0.5
    )
    executor = migrator()
    executor.migrate([("annotations", "0012_flag_ranking")])
    new = executor.loader.project_state([("annotations", "0012_flag_ranking")]).apps
    assert new.get_model("annotations", "Article").objects.get().low_value_flag_limit == LOW_VALUE_FLAG_LIMIT_DEFAULT
    assert new.get_model("annotations", "Annotation").objects.get().checkworthiness is None


def test_analysis_stores_the_score_and_the_calibrated_confidence():
    run = AnalysisRunFactory(article=ArticleFactory(body=BODY))
    analysis_run_execute(run_id=run.pk)
    stored = Annotation.objects.get(article=run.article, kind="unverified_claim")
    assert stored.quote == CLAIM
    assert stored.checkworthiness == claim_checkworthiness(CLAIM)
    assert stored.confidence == flag_confidence(checkworthiness=stored.checkworthiness)
    assert (
        not Annotation.objects.filter(article=run.article)
        .exclude(kind="unverified_claim")
        .exclude(checkworthiness=None)
        .exclude(kind="contradicted_claim")
        .exists()
    )


def test_api_shows_checkworthiness_read_only(client_for, staff):
    flag = machine_flag(ArticleFactory(body=BODY), CLAIM, checkworthiness=0.85)
    client = client_for(staff)
    assert client.get(f"/api/v1/annotations/{flag.pk}/").json()["checkworthiness"] == 0.85
    response = client.patch(
        f"/api/v1/annotations/{flag.pk}/",
        {"checkworthiness": 0.1},
        format="json",
        HTTP_IF_MATCH=f'"{flag.version}"',
    )
    assert response.status_code == 400 and "read-only" in str(response.json())


def test_api_edits_the_article_budget(client_for, annotator):
    article = ArticleFactory(body=BODY)
    client = client_for(annotator)
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["low_value_flag_limit"] == 3
    response = client.patch(
        f"/api/v1/articles/{article.pk}/",
        {"low_value_flag_limit": 0},
        format="json",
        HTTP_IF_MATCH=f'"{article.version}"',
    )
    assert response.status_code == 200, response.content
    assert response.json()["low_value_flag_limit"] == 0
    article.refresh_from_db()
    assert (article.low_value_flag_limit, article.revision) == (0, 1)  # no new revision, no re-analysis
    bad = client.patch(
        f"/api/v1/articles/{article.pk}/",
        {"low_value_flag_limit": -1},
        format="json",
        HTTP_IF_MATCH=f'"{article.version}"',
    )
    assert bad.status_code == 400


def test_admin_shows_checkworthiness_and_edits_the_budget(staff_client):
    article = ArticleFactory(body=BODY)
    flag = machine_flag(article, CLAIM, checkworthiness=0.85)
    page = staff_client.get(reverse("admin:annotations_annotation_change", args=[flag.pk])).content.decode()
    assert "Checkworthiness" in page and "0.85" in page
    assert 'name="checkworthiness"' not in page  # read-only
    listing = staff_client.get(reverse("admin:annotations_annotation_changelist")).content.decode()
    assert "column-checkworthiness" in listing
    response = staff_client.post(
        reverse("admin:annotations_article_change", args=[article.pk]),
        _article_form(article, low_value_flag_limit="1"),
    )
    assert response.status_code == 302, response.content.decode()[:500]
    article.refresh_from_db()
    assert article.low_value_flag_limit == 1
