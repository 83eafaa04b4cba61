"""The dashboard: SVG chart helpers (pure) and the admin page (numbers, escaping, query count)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from annotations.services.reviews import annotation_review
from credibility.admin.charts import Series, axis_ticks, hbar_chart, nice_max, stacked_bar_chart
from credibility.selectors import dashboard_data
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import SourceFactory

SVG = "{http://www.w3.org/2000/svg}"


def test_axis_ticks_are_whole_for_counts_and_cover_the_maximum():
    assert axis_ticks(4) == [0, 1, 2, 3, 4]
    assert axis_ticks(37) == [0, 10, 20, 30, 40]
    assert axis_ticks(0) == [0, 1]
    assert axis_ticks(0.8, integer=False) == [0, 0.2, 0.4, 0.6, 0.8]
    assert nice_max(7) == 10 and nice_max(0) == 1


def test_charts_are_labelled_images_and_escape_labels():
    svg = hbar_chart(
        chart_id="c1",
        title="T <b>",
        description="D & more",
        bars=[("<script>alert(1)</script>", 3), ("ok", 1)],
        notes=["n=3", "n=1"],
    )
    root = ET.fromstring(svg)  # well-formed XML: nothing leaked unescaped
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "T <b>"
    assert root.find(f"{SVG}desc").text == "D & more"
    assert "<script>" not in svg
    bar_titles = [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")]
    assert bar_titles == ["<script>alert(1)</script>: 3 (n=3)", "ok: 1 (n=1)"]

    stacked = stacked_bar_chart(
        chart_id="c2",
        title="Over time",
        description="d",
        categories=["a", "b"],
        series=[Series("x", [1, 0], "#E69F00"), Series("y", [2, 1], "#56B4E9")],
    )
    root = ET.fromstring(stacked)
    assert [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")] == ["a: 3 (x 1; y 2)", "b: 1 (y 1)"]
    assert len(root.findall(f"{SVG}g/{SVG}rect")) == 3


def test_empty_charts_say_so():
    assert "No data yet." in hbar_chart(chart_id="e", title="t", description="d", bars=[])
    assert "Nothing" in stacked_bar_chart(
        chart_id="e", title="t", description="d", categories=["a"], series=[Series("x", [0], "#000")], empty="Nothing"
    )


@pytest.fixture
def world(db):
    staff = UserFactory(is_staff=True, is_superuser=True)
    outlet = SourceFactory(name="Daily <Example>", kind="outlet", score=71.0)
    SourceFactory(name="Unscored")
    SourceFactory(name="Perfect", score=100.0)
    article = ArticleFactory(outlet=outlet, body="Crime rose 40% last year, experts say.")
    a = AnnotationFactory(
        article=article, kind="unverified_claim", reason="unsourced", origin="machine", detector="unsourced@3"
    )
    b = AnnotationFactory(
        article=article, kind="unverified_claim", reason="hedged", origin="machine", detector="unsourced@3", end=10
    )
    AnnotationFactory(article=article, kind="contradicted_claim", origin="machine", detector="contradiction@5", end=3)
    AnnotationFactory(article=article, kind="note")  # not a flag
    annotation_review(annotation=a, decision="confirm", note="", reviewer=staff)
    annotation_review(annotation=b, decision="dismiss", note="", reviewer=staff)
    return staff


def test_dashboard_data(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        data = dashboard_data(days=7)
    assert data["totals"] == {"flags": 3, "open": 1}
    assert len(data["over_time"]["days"]) == 7
    totals = {s["reason"]: s["total"] for s in data["over_time"]["series"]}
    assert totals == {"unsourced": 1, "hedged": 1, "contradicted": 1}
    assert data["by_outlet"] == [{"outlet": "Daily <Example>", "open": 1, "reviewed": 2, "total": 3}]
    buckets = {b["label"]: b["count"] for b in data["credibility"]["buckets"]}
    assert buckets["70–79"] == 1 and buckets["90–100"] == 1 and data["credibility"]["unscored"] == 1
    precision = {row["detector"]: row["precision"] for row in data["detectors"]}
    assert precision == {"unsourced@3": 0.5, "contradiction@5": None}


def test_dashboard_page_renders_escaped_charts(client, world):
    client.force_login(world)
    response = client.get(reverse("admin:credibility_dashboard"), {"days": "7"})
    assert response.status_code == 200
    html = response.content.decode()
    for chart in (
        "chart-flags-over-time",
        "chart-flags-by-outlet",
        "chart-source-credibility",
        "chart-detector-precision",
    ):
        assert f'id="{chart}"' in html
    assert "Daily <Example>" not in html and "Daily &lt;Example&gt;" in html
    assert 'aria-current="page">7 days' in html
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:credibility_dashboard") in index


def test_dashboard_needs_staff(client, db):
    client.force_login(UserFactory(roles=["reviewer"]))
    response = client.get(reverse("admin:credibility_dashboard"))
    assert response.status_code == 302
