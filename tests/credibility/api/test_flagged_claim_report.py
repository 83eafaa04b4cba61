"""The flagged-claim report: API (JSON and CSV), summary, and the flag_report command."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from annotations.models import Annotation
from tests.annotations.factories import ArticleFactory, UserFactory, machine_flag
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

REPORT = "/api/v1/reports/flagged-claims/"
# These flags have no check-worthiness score (the default rank order ties them all): the tests read
# the report in its old order, newest first (test_flagged_claim_ranking.py covers the default).
NEWEST = {"ordering": "-created"}
SUMMARY = "/api/v1/reports/flagged-claims/summary/"
BODY = "The council met on Monday. Taxes will rise by 4.99%, experts say. Nobody objected."
CLAIM = "Taxes will rise by 4.99%, experts say."


def make_flag(article, text=CLAIM, **kwargs):
    return machine_flag(article, text, **{"confidence": 0.5, **kwargs})


@pytest.fixture
def world(reviewer):
    outlet_a = SourceFactory(name="Alpha Daily", kind="outlet")
    outlet_b = SourceFactory(name="Beta News", kind="outlet")
    speaker = SourceFactory(name="Jane Roe")
    a1 = ArticleFactory(body=BODY, outlet=outlet_a, title="Council budget", url="https://alpha.example/1")
    a2 = ArticleFactory(body=BODY, outlet=outlet_b, title="Beta on taxes", url="https://beta.example/1")
    factcheck = FactCheckFactory(claim_reviewed="Taxes rise 5%", verdict="false", rating_label="Pants on fire")
    flags = {
        "unsourced": make_flag(a1, confidence=0.9),
        "vague": make_flag(
            a1,
            text="Nobody objected.",
            reason="vague_source",
            detector="hedges@2",
            confidence=0.3,
            source=speaker,
            status="confirmed",
            reviewer=reviewer,
        ),
        "contradicted": make_flag(
            a2,
            kind="contradicted_claim",
            reason="",
            detector="contradiction@1",
            confidence=0.7,
            evidence_factcheck=factcheck,
            assignee=reviewer,
        ),
        "other_article": make_flag(
            a2,
            text="Nobody objected.",
            kind="contradicted_claim",
            reason="",
            detector="contradiction@1",
            confidence=0.6,
            status="dismissed",
        ),
    }
    Annotation.objects.filter(pk=flags["other_article"].pk).update(evidence_annotation=flags["unsourced"])
    # Not in the report: other kinds.
    make_flag(a1, text="The council met on Monday.", kind="typo", reason="", detector="typos@1")
    # created_at is auto_now_add: spread the flags over days, oldest first in this order.
    now = timezone.now()
    for days, key in enumerate(["unsourced", "vague", "contradicted", "other_article"]):
        Annotation.objects.filter(pk=flags[key].pk).update(created_at=now - timedelta(days=10 - days))
    return {"outlets": (outlet_a, outlet_b), "speaker": speaker, "articles": (a1, a2), "factcheck": factcheck, **flags}


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_report_lists_flags_newest_first_with_context_and_evidence(client_for, annotator, world):
    response = client_for(annotator).get(REPORT, NEWEST)
    assert ids(response) == [world[k].pk for k in ("other_article", "contradicted", "vague", "unsourced")]
    rows = {row["id"]: row for row in response.json()["results"]}
    row = rows[world["contradicted"].pk]
    assert row["article"] == {
        "id": world["articles"][1].pk,
        "title": "Beta on taxes",
        "url": "https://beta.example/1",
        "outlet": {"id": world["outlets"][1].pk, "name": "Beta News"},
    }
    assert row["context"]["quote"] == CLAIM
    assert row["context"]["before"] == "" and row["context"]["lead"] == "The council met on Monday. "
    assert row["context"]["trail"].strip() == "Nobody objected."
    assert row["evidence"]["type"] == "factcheck"
    assert (row["evidence"]["claim_reviewed"], row["evidence"]["verdict"]) == ("Taxes rise 5%", "false")
    assert row["assignee"]["username"] == world["contradicted"].assignee.username
    assert (row["detector"], row["confidence"], row["status"]) == ("contradiction@1", 0.7, "open")
    other = rows[world["other_article"].pk]["evidence"]
    assert other["type"] == "article" and other["quote"] == CLAIM and other["title"] == "Council budget"
    assert rows[world["vague"].pk]["source"]["name"] == "Jane Roe"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "open"}, ["contradicted", "unsourced"]),
        ({"status": ["confirmed", "dismissed"]}, ["other_article", "vague"]),
        ({"kind": "contradicted_claim"}, ["other_article", "contradicted"]),
        ({"reason": "vague_source"}, ["vague"]),
        ({"detector": "contradiction"}, ["other_article", "contradicted"]),
        ({"detector": "hedges@2"}, ["vague"]),
        ({"min_confidence": "0.65"}, ["contradicted", "unsourced"]),
        ({"assignee": "none"}, ["other_article", "vague", "unsourced"]),
    ],
)
def test_report_filters(client_for, annotator, world, params, expected):
    assert ids(client_for(annotator).get(REPORT, {**NEWEST, **params})) == [world[k].pk for k in expected]


def test_report_filters_by_related_ids_and_dates(client_for, annotator, reviewer, world):
    client = client_for(annotator)
    assert ids(client.get(REPORT, {**NEWEST, "outlet": world["outlets"][0].pk})) == [
        world["vague"].pk,
        world["unsourced"].pk,
    ]
    assert ids(client.get(REPORT, {**NEWEST, "article": world["articles"][1].pk})) == [
        world["other_article"].pk,
        world["contradicted"].pk,
    ]
    assert ids(client.get(REPORT, {**NEWEST, "source": world["speaker"].pk})) == [world["vague"].pk]
    assert ids(client.get(REPORT, {**NEWEST, "assignee": reviewer.pk})) == [world["contradicted"].pk]
    day = (timezone.now() - timedelta(days=9)).date().isoformat()
    assert ids(client.get(REPORT, {**NEWEST, "created_after": day, "created_before": day})) == [world["vague"].pk]


def test_report_rejects_bad_filter_values(client_for, annotator, world):
    client = client_for(annotator)
    assert client.get(REPORT, {"kind": "typo"}).status_code == 400
    assert client.get(REPORT, {"status": "maybe"}).status_code == 400
    assert client.get(REPORT, {"min_confidence": "high"}).status_code == 400


def test_report_orderings(client_for, annotator, world):
    client = client_for(annotator)
    assert ids(client.get(REPORT, {"ordering": "-confidence"})) == [
        world[k].pk for k in ("unsourced", "contradicted", "other_article", "vague")
    ]
    assert ids(client.get(REPORT, {"ordering": "confidence"}))[0] == world["vague"].pk
    by_outlet = ids(client.get(REPORT, {"ordering": "outlet"}))
    assert by_outlet == [world[k].pk for k in ("vague", "unsourced", "other_article", "contradicted")]
    assert client.get(REPORT, {"ordering": "title"}).status_code == 400


def test_report_constant_query_count(client_for, annotator, world, django_assert_max_num_queries):
    client = client_for(annotator)
    # count + page + the articles not fully analysed (analysis_notices), nothing per row
    with django_assert_max_num_queries(4) as small:
        assert client.get(REPORT).status_code == 200
    article = world["articles"][0]
    for _ in range(15):
        other = ArticleFactory(body=BODY, outlet=SourceFactory(kind="outlet"))
        make_flag(other, source=SourceFactory(), evidence_factcheck=FactCheckFactory(), assignee=UserFactory())
    make_flag(article, text="The council met on Monday.", detector="unsourced@4")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(REPORT).json()["results"]) == 20
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(REPORT, {"format": "csv"}).status_code == 200


def test_report_anonymous_is_401(anonymous_client):
    assert anonymous_client.get(REPORT).status_code == 401
    assert anonymous_client.get(SUMMARY).status_code == 401


def test_report_csv_neutralises_formulas_and_keeps_html_as_text(client_for, annotator):
    body = '=HYPERLINK("http://evil.example") said <script>alert(1)</script> officials. +1 more; @me -5'
    article = ArticleFactory(body=body, title="-2+3 <b>bold</b>", outlet=SourceFactory(name="@Outlet", kind="outlet"))
    make_flag(article, text=body[: body.index(" said")], confidence=0.5)
    response = client_for(annotator).get(REPORT, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["quote"] == "'" + '=HYPERLINK("http://evil.example")'
    assert row["sentence"].startswith("'=HYPERLINK")
    assert row["article_title"] == "'-2+3 <b>bold</b>"
    assert row["article_outlet_name"] == "'@Outlet"
    assert row["confidence"] == "0.5" and row["kind"] == "unverified_claim"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@")), value


def test_report_csv_has_header_even_when_empty(client_for, annotator):
    response = client_for(annotator).get(REPORT, {"format": "csv"})
    assert response.status_code == 200
    assert response.content.decode().splitlines()[0].startswith("id,kind,reason,status,detector")


def test_report_json_does_not_interpret_html(client_for, annotator):
    article = ArticleFactory(body="<img src=x onerror=alert(1)> is safe, experts say.")
    make_flag(article, text="<img src=x onerror=alert(1)> is safe, experts say.")
    row = client_for(annotator).get(REPORT).json()["results"][0]
    assert row["quote"] == "<img src=x onerror=alert(1)> is safe, experts say."


def test_summary_counts(client_for, annotator, world, django_assert_max_num_queries):
    client = client_for(annotator)
    with django_assert_max_num_queries(4):
        response = client.get(SUMMARY)
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == {"open": 2, "reviewed": 2, "confirmed": 1, "dismissed": 1, "resolved": 0, "total": 4}
    outlets = {row["outlet"]["name"]: (row["open"], row["reviewed"]) for row in data["by_outlet"]}
    assert outlets == {"Alpha Daily": (1, 1), "Beta News": (1, 1)}
    sources = {(row["source"] or {}).get("name"): (row["open"], row["reviewed"]) for row in data["by_source"]}
    assert sources == {"Jane Roe": (0, 1), None: (2, 1)}
    reasons = {(row["kind"], row["reason"]): (row["open"], row["reviewed"]) for row in data["by_reason"]}
    assert reasons == {
        ("contradicted_claim", None): (1, 1),
        ("unverified_claim", "unsourced"): (1, 0),
        ("unverified_claim", "vague_source"): (0, 1),
    }


def test_summary_respects_filters_and_serves_csv(client_for, annotator, world):
    client = client_for(annotator)
    data = client.get(SUMMARY, {"outlet": world["outlets"][0].pk}).json()
    assert data["total"]["total"] == 2
    response = client.get(SUMMARY, {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    alpha = next(r for r in rows if r["group"] == "by_outlet" and r["key"] == "Alpha Daily")
    assert (alpha["open"], alpha["reviewed"], alpha["total"]) == ("1", "1", "2")


def test_review_from_the_report_moves_the_summary(client_for, reviewer, annotator, world):
    client_for(reviewer).post(
        f"/api/v1/annotations/{world['unsourced'].pk}/review/",
        {"decision": "confirm", "version": world["unsourced"].version},
        format="json",
    )
    data = client_for(annotator).get(SUMMARY).json()
    assert (data["total"]["open"], data["total"]["reviewed"]) == (1, 3)


def test_flag_report_command_formats(world, capsys):
    call_command("flag_report", "--format", "json", "--status", "open", "--ordering=-created")
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [world["contradicted"].pk, world["unsourced"].pk]

    call_command("flag_report", "--format", "csv", "--outlet", str(world["outlets"][1].pk), "--ordering=-created")
    lines = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [int(r["id"]) for r in lines] == [world["other_article"].pk, world["contradicted"].pk]

    call_command("flag_report", "--ordering=-confidence", "--min-confidence", "0.65")
    text = capsys.readouterr().out
    assert text.index(f"#{world['unsourced'].pk} ") < text.index(f"#{world['contradicted'].pk} ")
    assert f"[[{CLAIM}]]" in text and "Pants on fire" in text


def test_flag_report_command_rejects_bad_filters(world):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("flag_report", "--status", "maybe")
