"""The flagged-claim report's rank order (check-worthiness, then confidence) and per-article budget of low-value flags."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from annotations.models import Annotation
from tests.annotations.factories import ArticleFactory, claim_annotation, machine_flag

pytestmark = pytest.mark.django_db

REPORT = "/api/v1/reports/flagged-claims/"
SUMMARY = "/api/v1/reports/flagged-claims/summary/"
SENTENCES = [f"Claim number {n} says prices rose by {n}0%." for n in range(1, 7)]
BODY = " ".join(SENTENCES)


def flag(article, n, *, worth, confidence=0.5, **fields):
    return machine_flag(article, SENTENCES[n], checkworthiness=worth, confidence=confidence, **fields)


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def ranked():
    """One article (budget 3 by default) with flags of every rank; created oldest first in this order."""
    article = ArticleFactory(body=BODY)
    flags = {
        "mid": flag(article, 0, worth=0.7, confidence=0.3),
        "top_less_sure": flag(article, 1, worth=0.9, confidence=0.4),
        "top_sure": flag(article, 2, worth=0.9, confidence=0.6),
        "editor": claim_annotation(article, SENTENCES[3], origin="editor", confidence=None),
        "low": flag(article, 4, worth=0.2, confidence=0.2),
    }
    now = timezone.now()
    for days, key in enumerate(flags):
        Annotation.objects.filter(pk=flags[key].pk).update(created_at=now - timedelta(days=10 - days))
    return flags


def test_report_default_order_is_checkworthiness_then_confidence_unscored_last(client_for, annotator, ranked):
    response = client_for(annotator).get(REPORT)
    assert ids(response) == [ranked[k].pk for k in ("top_sure", "top_less_sure", "mid", "low", "editor")]
    assert response.json()["results"][0]["checkworthiness"] == 0.9
    assert ids(client_for(annotator).get(REPORT, {"ordering": "rank"})) == ids(response)


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-created", ["low", "editor", "top_sure", "top_less_sure", "mid"]),
        ("created", ["mid", "top_less_sure", "top_sure", "editor", "low"]),
        ("-confidence", ["editor", "top_sure", "top_less_sure", "mid", "low"]),  # as before: nulls first
        ("checkworthiness", ["low", "mid", "top_sure", "top_less_sure", "editor"]),
        ("-checkworthiness", ["top_sure", "top_less_sure", "mid", "low", "editor"]),
    ],
)
def test_report_old_orders_stay_available(client_for, annotator, ranked, ordering, expected):
    assert ids(client_for(annotator).get(REPORT, {"ordering": ordering})) == [ranked[k].pk for k in expected]


def test_report_ordering_is_validated(client_for, annotator, ranked):
    assert client_for(annotator).get(REPORT, {"ordering": "-rank"}).status_code == 400


@pytest.fixture
def budgeted():
    """Article A (budget 1): one flag worth checking, three open low-value ones, and low-scored flags the
    budget never holds back (a decided one, a contradicted claim). Article B (budget 0): two low ones."""
    a = ArticleFactory(body=BODY, low_value_flag_limit=1)
    b = ArticleFactory(body=BODY, low_value_flag_limit=0)
    return {
        "a_high": flag(a, 0, worth=0.8),
        "a_low_best": flag(a, 1, worth=0.4),
        "a_low_2": flag(a, 2, worth=0.3),
        "a_low_3": flag(a, 3, worth=0.1),
        "a_dismissed": flag(a, 4, worth=0.1, status="dismissed"),
        "a_contradicted": flag(a, 5, worth=0.1, kind="contradicted_claim", reason="", detector="contradiction@1"),
        "b_low_1": flag(b, 0, worth=0.3),
        "b_low_2": flag(b, 1, worth=0.2),
        "articles": (a, b),
    }


def test_report_budget_holds_back_low_value_flags_per_article(client_for, annotator, budgeted):
    response = client_for(annotator).get(REPORT)
    shown = ids(response)
    assert set(shown) == {budgeted[k].pk for k in ("a_high", "a_low_best", "a_dismissed", "a_contradicted")}
    assert response.json()["held_back"] == 4
    assert response.json()["count"] == 4
    assert response["X-Held-Back"] == "4"


def test_report_show_all_lists_every_flag(client_for, annotator, budgeted):
    response = client_for(annotator).get(REPORT, {"show_all": "true"})
    assert len(ids(response)) == 8
    assert response.json()["held_back"] == 0


def test_report_budget_counts_the_filtered_flags(client_for, annotator, budgeted):
    a, b = budgeted["articles"]
    response = client_for(annotator).get(REPORT, {"article": b.pk})
    assert ids(response) == [] and response.json()["held_back"] == 2
    # Filtering out the best low-value flag lets the next one into A's budget of one.
    response = client_for(annotator).get(REPORT, {"article": a.pk, "reason": "unsourced", "ordering": "-created"})
    assert budgeted["a_low_best"].pk in ids(response)
    assert response.json()["held_back"] == 2


def test_report_budget_follows_the_article_and_the_threshold(client_for, annotator, budgeted):
    a, b = budgeted["articles"]
    b.low_value_flag_limit = 5
    b.save()
    assert client_for(annotator).get(REPORT).json()["held_back"] == 2
    with override_settings(FLAG_REPORT_LOW_VALUE_THRESHOLD=0.25):  # 0.3 and 0.4 are no longer low value
        assert client_for(annotator).get(REPORT).json()["held_back"] == 0


def test_report_pages_and_csv_respect_the_budget(client_for, annotator, budgeted):
    client = client_for(annotator)
    first = client.get(REPORT, {"page_size": 2})
    second = client.get(REPORT, {"page_size": 2, "page": 2})
    assert len(set(ids(first)) | set(ids(second))) == 4 and first.json()["held_back"] == 4
    csv_response = client.get(REPORT, {"format": "csv"})
    assert csv_response["X-Held-Back"] == "4"
    assert len(csv_response.content.decode().strip().splitlines()) == 1 + 4


def test_summary_counts_every_flag_whatever_the_budget(client_for, annotator, budgeted):
    assert client_for(annotator).get(SUMMARY).json()["total"]["total"] == 8


def test_report_schema_documents_orderings_show_all_and_held_back(client_for, annotator):
    schema = client_for(annotator).get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"][REPORT]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    enum = parameters["ordering"]["schema"]["items"]["enum"]
    assert {"rank", "-created", "created", "confidence", "-confidence", "outlet", "-checkworthiness"} <= set(enum)
    assert "rank" in parameters["ordering"]["description"]
    assert "low_value_flag_limit" in parameters["show_all"]["description"]
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "held_back" in schema["components"]["schemas"][page]["properties"]
    row = schema["components"]["schemas"]["FlaggedClaim"]["properties"]
    assert row["checkworthiness"]["nullable"] is True


def test_flag_report_command_ranks_and_says_what_it_held_back(budgeted, capsys):
    call_command("flag_report")
    out = capsys.readouterr().out
    assert out.index(f"#{budgeted['a_high'].pk} ") < out.index(f"#{budgeted['a_low_best'].pk} ")
    assert f"#{budgeted['b_low_1'].pk} " not in out
    assert "4 low-value flags held back" in out and "check-worthiness 0.80" in out
    call_command("flag_report", "--show-all", "--ordering=-created")
    out = capsys.readouterr().out
    assert f"#{budgeted['b_low_1'].pk} " in out and "held back" not in out
