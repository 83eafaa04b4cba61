"""The detector scoreboard and the rule that dismissed flags are not raised again."""

from __future__ import annotations

import pytest

from annotations.models import Annotation
from annotations.services.machine import MachineAnnotationSpec, machine_annotations_sync
from tests.annotations.factories import AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db

SENTENCE = "Taxes will rise by 4.99%."
BODY = f"The council met. {SENTENCE} Nobody objected."


def machine(article, *, detector="unsourced@3", status="open", text=SENTENCE, kind="unverified_claim"):
    start = article.body.index(text)
    return AnnotationFactory(
        article=article,
        kind=kind,
        reason="unsourced" if kind == "unverified_claim" else "",
        start=start,
        end=start + len(text),
        origin="machine",
        detector=detector,
        status=status,
        confidence=0.8,
    )


def spec(body: str, *, detector: str = "unsourced@3", text: str = SENTENCE) -> MachineAnnotationSpec:
    start = body.index(text)
    return MachineAnnotationSpec(
        kind="unverified_claim",
        start=start,
        end=start + len(text),
        detector=detector,
        rule="r",
        confidence=0.8,
        reason="unsourced",
    )


def test_detector_scoreboard_counts_and_precision(client_for, annotator):
    article = ArticleFactory(body=BODY)
    # One span per flag, so the unique machine-span constraint holds.
    words = ["The", "council", "met", "Taxes", "will", "rise", "Nobody", "objected"]
    statuses = ["confirmed", "confirmed", "dismissed", "open", "resolved"]
    for word, status in zip(words, statuses, strict=False):
        machine(article, status=status, text=word)
    machine(article, detector="unsourced@2", status="dismissed", text="objected")
    machine(article, detector="hedges@1", status="open", text="Nobody")
    AnnotationFactory(article=article, kind="note", status="confirmed")  # editor: not on the board

    response = client_for(annotator).get("/api/v1/detectors/")
    assert response.status_code == 200
    rows = {row["detector"]: row for row in response.json()}
    assert set(rows) == {"hedges@1", "unsourced@2", "unsourced@3"}
    v3 = rows["unsourced@3"]
    assert (v3["confirmed"], v3["dismissed"], v3["open"], v3["resolved"], v3["total"]) == (2, 1, 1, 1, 5)
    assert v3["precision"] == pytest.approx(3 / 4)  # resolved flags were confirmed first
    assert (v3["name"], v3["version"]) == ("unsourced", "3")
    assert rows["unsourced@2"]["precision"] == 0.0
    assert rows["hedges@1"]["precision"] is None


def test_detector_scoreboard_is_one_query(client_for, annotator, django_assert_max_num_queries):
    article = ArticleFactory(body=BODY)
    for index, word in enumerate(["The", "council", "met", "Taxes"]):
        machine(article, detector=f"d{index}@1", text=word)
    client = client_for(annotator)
    with django_assert_max_num_queries(3):  # auth + groups + the grouped count
        assert len(client.get("/api/v1/detectors/").json()) == 4


def test_detector_scoreboard_anonymous_is_401(anonymous_client):
    assert anonymous_client.get("/api/v1/detectors/").status_code == 401


def test_dismissed_flag_not_raised_again_after_the_sentence_moved(annotator):
    article = ArticleFactory(body=BODY)
    dismissed = machine(article, status="dismissed")
    moved = f"A new opening paragraph. {BODY}"
    article.body = moved
    article.save(update_fields=["body"])
    counts = machine_annotations_sync(
        article=article, detectors=["unsourced@4"], specs=[spec(moved, detector="unsourced@4")]
    )
    assert (counts.created, counts.kept_reviewed) == (0, 1)
    flags = Annotation.objects.filter(article=article, kind="unverified_claim")
    assert list(flags) == [dismissed]
    dismissed.refresh_from_db()
    assert dismissed.status == "dismissed" and dismissed.version == 1


def test_dismissed_flag_suppression_is_per_detector_name_and_quote():
    article = ArticleFactory(body=BODY)
    machine(article, status="dismissed", detector="hedges@1")  # another detector's dismissal
    machine(article, status="dismissed", text="Nobody objected.")  # another sentence
    counts = machine_annotations_sync(article=article, detectors=["unsourced@3"], specs=[spec(BODY)])
    assert counts.created == 1
    assert Annotation.objects.filter(article=article, detector="unsourced@3", status="open").count() == 1


def test_confirmed_flag_on_moved_sentence_is_still_raised():
    article = ArticleFactory(body=BODY)
    machine(article, status="confirmed")
    moved = f"Intro. {BODY}"
    article.body = moved
    article.save(update_fields=["body"])
    counts = machine_annotations_sync(article=article, detectors=["unsourced@3"], specs=[spec(moved)])
    assert counts.created == 1
