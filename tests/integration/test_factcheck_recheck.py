"""End to end: importing a fact-check makes a real Celery worker flag an article stored and analysed before."""

from __future__ import annotations

import time

import pytest

from annotations.models import Annotation
from credibility.models import FactCheck, FactCheckRecheck
from tests.integration.conftest import Worker
from tests.integration.test_celery_worker import _wait_for_run

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TIMEOUT = 90.0
BODY = (
    "Commissioners met in Harwick on Monday evening to discuss the winter vaccination campaign. "
    "Commissioner Dale Hensley said that getting a flu shot gives many recipients the flu. "
    "The meeting ended late, and the campaign will start next week."
)
FLAGGED = "Commissioner Dale Hensley said that getting a flu shot gives many recipients the flu."
FACTCHECK = {
    "@type": "ClaimReview",
    "identifier": "fc-it-flu",
    "url": "https://checks.example.org/it/flu-shot-gives-flu",
    "claimReviewed": "Getting a flu shot gives many recipients the flu.",
    "author": {"@type": "Organization", "name": "Example Fact Check"},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"},
}


def _wait_for_flag(worker: Worker, article_id: int) -> Annotation:
    deadline = time.monotonic() + TIMEOUT
    while True:
        flag = (
            Annotation.objects.filter(article_id=article_id, kind="contradicted_claim")
            .select_related("evidence_factcheck")
            .first()
        )
        if flag is not None:
            return flag
        if not worker.alive():
            pytest.fail(f"The Celery worker died while re-checking:\n{worker.output()}")
        if time.monotonic() > deadline:
            pytest.fail(f"No contradicted_claim after {TIMEOUT:.0f}s. Worker output:\n{worker.output()}")
        time.sleep(0.3)


def test_importing_a_fact_check_makes_the_worker_flag_a_stored_article(celery_worker, client_for, annotator, staff):
    created = client_for(annotator).post("/api/v1/articles/", {"title": "Flu shots", "body": BODY}, format="json")
    assert created.status_code == 201, created.content
    article_id = created.json()["id"]
    run = _wait_for_run(celery_worker, article_id)
    assert run.state == "done", f"{run.error}\n{celery_worker.output()}"
    assert not Annotation.objects.filter(article_id=article_id, kind="contradicted_claim").exists()

    imported = client_for(staff).post("/api/v1/factchecks/import/", [FACTCHECK], format="json")
    assert imported.status_code == 200, imported.content
    assert imported.json()["created"] == 1

    flag = _wait_for_flag(celery_worker, article_id)
    assert flag.quote == FLAGGED and flag.origin == "machine" and flag.status == "open"
    assert flag.evidence_factcheck == FactCheck.objects.get(identifier="fc-it-flu")
    assert "credibility.recheck_articles" in celery_worker.output()
    recheck = FactCheckRecheck.objects.get()
    assert (recheck.trigger, recheck.factchecks, recheck.created) == ("import", 1, 1)

    detail = client_for(annotator).get(f"/api/v1/articles/{article_id}/").json()
    contradicted = [a for a in detail["annotations"] if a["kind"] == "contradicted_claim"]
    assert len(contradicted) == 1
    evidence = contradicted[0]["evidence"]
    assert evidence["identifier"] == "fc-it-flu" and evidence["verdict"] == "false"
    assert evidence["url"] == FACTCHECK["url"] and evidence["claim_reviewed"] == FACTCHECK["claimReviewed"]
