"""End to end: an article created through the API is analysed by a real Celery worker via Redis."""

from __future__ import annotations

import time
from datetime import timedelta
from unittest.mock import patch

import pytest
from kombu.exceptions import OperationalError as KombuOperationalError

from credibility.models import AnalysisRun, RunState
from credibility.services.analysis import analysis_runs_requeue
from credibility.tasks import analyze_article_task
from tests.integration.conftest import Worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ANALYSIS_TIMEOUT = 90.0
BODY = (
    "The strike wasfollowed by arrests in Minsk, local sources had reported. "
    "It is thought that the protests will continue. "
    "Unemployment rose by 40% last year. "
    '"We will not give in," Vitaliy Kyrylov said on Tuesday.'
)


def _wait_for_run(worker: Worker, article_id: int) -> AnalysisRun:
    deadline = time.monotonic() + ANALYSIS_TIMEOUT
    while True:
        run = AnalysisRun.objects.filter(article_id=article_id).order_by("-id").first()
        if run is not None and run.state in (RunState.DONE, RunState.FAILED):
            return run
        if not worker.alive():
            pytest.fail(f"The Celery worker died while analysing:\n{worker.output()}")
        if time.monotonic() > deadline:
            state = run.state if run else "no run"
            pytest.fail(
                f"Analysis not finished after {ANALYSIS_TIMEOUT:.0f}s ({state}). Worker output:\n{worker.output()}"
            )
        time.sleep(0.3)


def test_article_created_through_the_api_is_analysed_by_the_worker(celery_worker, client_for, annotator):
    client = client_for(annotator)
    created = client.post("/api/v1/articles/", {"title": "Strike in Minsk", "body": BODY}, format="json")
    assert created.status_code == 201, created.content
    article_id = created.json()["id"]

    run = _wait_for_run(celery_worker, article_id)
    assert run.state == RunState.DONE, f"{run.error}\n{celery_worker.output()}"
    assert run.attempts == 1 and run.counts["created"] > 0
    # The worker process ran it (not this process eagerly).
    assert "credibility.analyze_article" in celery_worker.output() and "succeeded" in celery_worker.output()

    detail = client.get(f"/api/v1/articles/{article_id}/")
    assert detail.status_code == 200, detail.content
    body = detail.json()
    assert body["analysis_state"] == "done"
    machine = [a for a in body["annotations"] if a["origin"] == "machine"]
    assert machine, body["annotations"]
    for annotation in machine:
        assert annotation["quote"] == BODY[annotation["start"] : annotation["end"]]
        assert annotation["status"] == "open" and "@" in annotation["detector"]
    assert {"typo", "unverified_claim"} <= {a["kind"] for a in machine}


def test_broker_outage_never_loses_the_article(celery_worker, client_for, annotator):
    """Redis refuses the publish at write time: the article is saved and its run waits; the sweep sends it later.

    The outage is injected at the publish call: switching this process's broker URL back and forth
    proved racy with kombu's cached connections, and a dropped publish is exactly what an outage causes.
    """
    client = client_for(annotator)
    refused = KombuOperationalError("Error 111 connecting to the broker. Connection refused.")
    with patch.object(analyze_article_task, "apply_async", side_effect=refused) as publish:
        created = client.post("/api/v1/articles/", {"title": "Outage", "body": BODY}, format="json")
    assert created.status_code == 201, created.content
    assert publish.called
    article_id = created.json()["id"]
    assert AnalysisRun.objects.get(article_id=article_id).state == RunState.PENDING

    assert analysis_runs_requeue(pending_after=timedelta(0)) == 1
    run = _wait_for_run(celery_worker, article_id)
    assert run.state == RunState.DONE, f"{run.error}\n{celery_worker.output()}"
    detail = client.get(f"/api/v1/articles/{article_id}/").json()
    assert any(a["origin"] == "machine" for a in detail["annotations"])
