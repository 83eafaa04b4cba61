"""Done-when of issue 5, end to end on PostgreSQL with a real Celery worker on Redis.

An article created through the API is analysed by the worker; the flagged-claim report lists its
flags; a reviewer confirms one and dismisses another; the worker recomputes the cited source's
score; the detector scoreboard counts both decisions; re-analysing does not resurrect the
dismissed flag.
"""

from __future__ import annotations

import time

import pytest

from credibility.analysis.scoring import source_score
from credibility.models import AnalysisRun, RunState, Source
from credibility.services.sources import source_create
from tests.integration.conftest import Worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TIMEOUT = 90.0
BODY = (
    "The strike was followed by arrests in Minsk, local sources had reported. "
    "It is thought that the protests will continue. "
    "Unemployment rose by 40% last year. "
    '"We will not give in," Vitaliy Kyrylov said on Tuesday.'
)


def _wait(worker: Worker, what: str, probe):
    deadline = time.monotonic() + TIMEOUT
    while True:
        value = probe()
        if value:
            return value
        if not worker.alive():
            pytest.fail(f"The Celery worker died while waiting for {what}:\n{worker.output()}")
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}. Worker output:\n{worker.output()}")
        time.sleep(0.3)


def _finished_run(article_id: int, after_id: int = 0):
    run = AnalysisRun.objects.filter(article_id=article_id, pk__gt=after_id).order_by("-id").first()
    return run if run is not None and run.state in (RunState.DONE, RunState.FAILED) else None


def test_review_decisions_move_source_scores_and_the_scoreboard(celery_worker, client_for, annotator, reviewer):
    writer, judge = client_for(annotator), client_for(reviewer)

    # 1-2. Created through the API, analysed by the worker.
    created = writer.post("/api/v1/articles/", {"title": "Strike in Minsk", "body": BODY}, format="json")
    assert created.status_code == 201, created.content
    article_id = created.json()["id"]
    run = _wait(celery_worker, "the analysis", lambda: _finished_run(article_id))
    assert run.state == RunState.DONE, f"{run.error}\n{celery_worker.output()}"

    # 3. The report lists its flags.
    report = writer.get("/api/v1/reports/flagged-claims/", {"article": article_id, "page_size": 100})
    assert report.status_code == 200, report.content
    flags = report.json()["results"]
    # By sentence: "It is thought that ..." is an agentless source too (a vague source since issue
    # 19's fifth pass), so a reason alone no longer names one flag.
    by_quote = {f["quote"]: f for f in flags if f["kind"] == "unverified_claim"}
    vague = next((f for quote, f in by_quote.items() if quote.startswith("The strike")), None)
    unsourced = by_quote.get("Unemployment rose by 40% last year.")
    assert vague is not None and unsourced is not None, flags
    assert (vague["reason"], unsourced["reason"]) == ("vague_source", "unsourced"), flags

    # The vague sentence cites nobody by name ("local sources had reported"): a label on the
    # attribution, no Source row (issue 21).
    detail = writer.get(f"/api/v1/articles/{article_id}/").json()
    cited = next(
        a for a in detail["annotations"] if a["kind"] == "source_attribution" and "local sources" in a["quote"]
    )
    assert (cited["source"], cited["vague_source"]) == (None, "local sources")
    assert not Source.objects.filter(kind="vague").exists()
    # An editor who learns who the local sources were attributes the sentence to them by hand.
    named = source_create(name="Minsk city police", kind="government_body")
    start = BODY.index("local sources")
    attributed = writer.post(
        "/api/v1/annotations/",
        {
            "article": article_id,
            "kind": "source_attribution",
            "start": start,
            "end": start + len("local sources"),
            "source": named.pk,
        },
        format="json",
    )
    assert attributed.status_code == 201, attributed.content
    source_id = named.pk
    before = writer.get(f"/api/v1/sources/{source_id}/").json()["credibility"]
    assert before["score"] == before["prior"] == 50.0  # unrated, no reviewed history yet

    # 4. A reviewer confirms one flag and dismisses another.
    confirmed = judge.post(
        f"/api/v1/annotations/{vague['id']}/review/",
        {"decision": "confirm", "note": "Which sources?", "version": vague["version"]},
        format="json",
    )
    assert confirmed.status_code == 200, confirmed.content
    dismissed = judge.post(
        f"/api/v1/annotations/{unsourced['id']}/review/",
        {"decision": "dismiss", "note": "Sourced in the next paragraph.", "version": unsourced["version"]},
        format="json",
    )
    assert dismissed.status_code == 200, dismissed.content

    # 5a. The worker recomputes the named source's score: one confirmed vague claim in its sentence.
    source = _wait(
        celery_worker,
        "the score recompute",
        lambda: Source.objects.filter(pk=source_id, track_unverified=1, score__isnull=False).first(),
    )
    expected = source_score(rating=None, contradicted=0, unverified=1, dismissed=0, sourced=0).score
    assert source.score == expected < 50.0
    after = writer.get(f"/api/v1/sources/{source_id}/").json()["credibility"]
    assert after["score"] == expected and after["track_record"]["unverified"] == 1
    assert "source_score_recompute" in celery_worker.output()

    # 5b. The detector scoreboard counts both decisions.
    board = {row["detector"]: row for row in writer.get("/api/v1/detectors/").json()}
    assert board[vague["detector"]]["confirmed"] >= 1, board
    assert board[unsourced["detector"]]["dismissed"] >= 1, board

    # 5c. Re-analysing does not resurrect the dismissed flag.
    again = writer.post(f"/api/v1/articles/{article_id}/analyze/")
    assert again.status_code == 202, again.content
    rerun = _wait(celery_worker, "the re-analysis", lambda: _finished_run(article_id, after_id=run.pk))
    assert rerun.state == RunState.DONE, f"{rerun.error}\n{celery_worker.output()}"
    annotations = writer.get(f"/api/v1/articles/{article_id}/").json()["annotations"]
    same_span = [
        a
        for a in annotations
        if (a["kind"], a["start"], a["end"]) == (unsourced["kind"], unsourced["start"], unsourced["end"])
    ]
    assert [a["status"] for a in same_span] == ["dismissed"], same_span
    open_flags = writer.get("/api/v1/reports/flagged-claims/", {"article": article_id, "status": "open"}).json()[
        "results"
    ]
    assert unsourced["id"] not in {f["id"] for f in open_flags}
    assert all(f["quote"] != unsourced["quote"] for f in open_flags)
