"""GET /api/v1/articles/{id}/credibility/: every number matches the stored rows."""

from __future__ import annotations

import pytest

from tests.annotations.factories import AnnotationFactory, ArticleFactory
from tests.credibility.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Local sources had reported that 33 units crossed the border. "  # [0, 60)
    "Unemployment rose by 40% last year. "  # [61, 96)
    "It is thought that the protests will contnue. "  # [97, 143)
    "Kyrylov said the bridge was closed."  # [144, 179)
)


def _span(text: str) -> dict:
    start = BODY.index(text)
    return {"start": start, "end": start + len(text)}


def test_article_credibility_numbers_match_stored_rows(client_for, annotator):
    article = ArticleFactory(body=BODY)
    vague, kyrylov = SourceFactory(kind="vague", rating=None), SourceFactory(rating=80, score=72.5)
    AnnotationFactory(article=article, kind="source_attribution", source=vague, **_span("Local sources had reported"))
    AnnotationFactory(
        article=article,
        kind="unverified_claim",
        reason="vague_source",
        status="confirmed",
        **_span("Local sources had reported that 33 units crossed the border."),
    )
    AnnotationFactory(
        article=article,
        kind="unverified_claim",
        reason="unsourced",
        status="open",
        **_span("Unemployment rose by 40% last year."),
    )
    AnnotationFactory(
        article=article,
        kind="unverified_claim",
        reason="hedged",
        status="dismissed",
        **_span("It is thought that the protests will contnue."),
    )
    AnnotationFactory(article=article, kind="typo", suggestion="continue", **_span("contnue"))
    AnnotationFactory(article=article, kind="source_attribution", source=kyrylov, **_span("Kyrylov said"))
    AnnotationFactory(
        article=article, kind="contradicted_claim", status="confirmed", **_span("Kyrylov said the bridge was closed.")
    )

    response = client_for(annotator).get(f"/api/v1/articles/{article.pk}/credibility/")
    assert response.status_code == 200, response.content
    data = response.json()
    counts = data["counts"]
    words = len(BODY.split())
    assert counts == {
        "words": words,
        "claim_sentences": 3,
        "sourced_claim_sentences": 1,
        "unsourced_claims": 1,
        "vague_or_hedged_claims": 1,
        "contradicted_claims": 1,
        "contradicted_confirmed": 1,
        "typos": 1,
        "cited_sources": 2,
    }
    # Sentence 1 is attributed but flagged vague; sentence 4 is attributed (sourced, though contradicted).
    assert data["sourced_share"] == round(1 / 3, 4)
    assert data["typo_density_per_1000_words"] == round(1000 / words, 3)
    assert {s["id"]: s["score"] for s in data["cited_sources"]} == {vague.pk: 50.0, kyrylov.pk: 72.5}
    assert data["mean_cited_source_score"] == 61.25
    subscores = {name: c["subscore"] for name, c in data["components"].items()}
    weights = {name: c["weight"] for name, c in data["components"].items()}
    assert subscores["contradictions"] == 50.0 and subscores["vagueness"] == pytest.approx(100 * (1 - 1 / 3), abs=0.01)
    assert data["score"] == pytest.approx(sum(subscores[n] * weights[n] for n in subscores), abs=0.02)
    assert "renormalised" in data["formula"]


def test_article_credibility_needs_login_and_an_article(anonymous_client, client_for, annotator):
    article = ArticleFactory()
    assert anonymous_client.get(f"/api/v1/articles/{article.pk}/credibility/").status_code in (401, 403)
    assert client_for(annotator).get("/api/v1/articles/999999/credibility/").status_code == 404
