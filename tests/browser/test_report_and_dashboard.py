"""The flagged-claim report and the dashboard, in real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from annotations.models import ReviewLog
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "Crime rose 40% last year, experts say. The bridge was finished in 2019, the minister said."


@pytest.fixture
def staff_user(transactional_db):
    return UserFactory(username="reviewer-staff", is_staff=True, is_superuser=True)


@pytest.fixture
def flags():
    outlet = SourceFactory(name="Daily Example", kind="outlet", score=71.0)
    SourceFactory(name="Low score", score=23.0)
    article = ArticleFactory(title="Crime and bridges", body=BODY, outlet=outlet)
    factcheck = FactCheckFactory(
        claim_reviewed="The bridge was finished in 2019.", verdict="false", publisher="Checkers"
    )
    claim = "Crime rose 40% last year, experts say."
    unverified = AnnotationFactory(
        article=article,
        kind="unverified_claim",
        start=0,
        end=len(claim),
        reason="vague_source",
        origin="machine",
        detector="unsourced@3",
    )
    start = BODY.index("The bridge")
    contradicted = AnnotationFactory(
        article=article,
        kind="contradicted_claim",
        start=start,
        end=start + len("The bridge was finished in 2019"),
        evidence_factcheck=factcheck,
        origin="machine",
        detector="contradiction@5",
    )
    other = ArticleFactory(title="Second", body=BODY)
    extra = [
        AnnotationFactory(
            article=other,
            kind="unverified_claim",
            start=0,
            end=len(claim),
            reason="unsourced",
            origin="machine",
            detector="unsourced@3",
        ),
        AnnotationFactory(
            article=other,
            kind="unverified_claim",
            start=0,
            end=5,
            reason="hedged",
            origin="machine",
            detector="unsourced@3",
        ),
    ]
    return {"unverified": unverified, "contradicted": contradicted, "extra": extra}


def test_confirm_and_dismiss_from_the_report(page, live_server, login, staff_user, flags):
    login(page, staff_user)
    url = live_server.url + reverse("admin:credibility_flagged_claim_report") + "?status=open&ordering=created"
    page.goto(url)
    unverified, contradicted = flags["unverified"], flags["contradicted"]
    row = page.locator(f"#flag-{contradicted.pk}")
    # Evidence sits right beside the flag's sentence.
    assert "The bridge was finished in 2019." in row.locator("td.fcr-evidence").inner_text()
    assert row.locator("td.fcr-sentence + td.fcr-evidence").count() == 1

    page.fill(f"textarea[name='note-{unverified.pk}']", "the police figures agree")
    page.click(f"#flag-{unverified.pk} button[value='{unverified.pk}:confirm']")
    page.wait_for_selector(f"text=Flag {unverified.pk}: confirm recorded.")
    assert page.url == url  # filters kept in the URL
    page.fill(f"textarea[name='note-{contradicted.pk}']", "not what the fact-check says")
    page.click(f"#flag-{contradicted.pk} button[value='{contradicted.pk}:dismiss']")
    page.wait_for_selector(f"text=Flag {contradicted.pk}: dismiss recorded.")
    unverified.refresh_from_db()
    contradicted.refresh_from_db()
    assert (unverified.status, unverified.review_note) == ("confirmed", "the police figures agree")
    assert (contradicted.status, contradicted.review_note) == ("dismissed", "not what the fact-check says")
    # status=open is still applied: the decided flags left the list.
    assert page.locator(f"#flag-{unverified.pk}").count() == 0

    # Bulk: confirm both remaining open flags with one note.
    page.click("input[aria-label='Select all']")
    page.select_option("select[name='bulk_decision']", "confirm")
    page.fill("input[name='bulk_note']", "batch")
    page.click("button[name='bulk']")
    page.wait_for_selector("text=Confirm: 2 of 2 selected flags.")
    for flag in flags["extra"]:
        flag.refresh_from_db()
        assert flag.status == "confirmed"
    assert ReviewLog.objects.filter(note="batch").count() == 2
    assert page.dialogs == [] and page.js_errors == []


def test_dashboard_charts_and_screenshot(page, live_server, login, staff_user, flags, artifacts_dir: Path):
    from annotations.services.reviews import annotation_review

    annotation_review(annotation=flags["extra"][0], decision="confirm", note="", reviewer=staff_user)
    annotation_review(annotation=flags["extra"][1], decision="dismiss", note="", reviewer=staff_user)
    login(page, staff_user)
    page.goto(live_server.url + reverse("admin:credibility_dashboard"))
    for chart in (
        "chart-flags-over-time",
        "chart-flags-by-outlet",
        "chart-source-credibility",
        "chart-detector-precision",
    ):
        svg = page.locator(f"svg#{chart}")
        assert svg.get_attribute("role") == "img"
        assert svg.locator("title").first.text_content()
    assert page.locator("#dash-total-flags").inner_text() == "4"
    assert "unsourced@3: 50% (n=2)" in page.locator("svg#chart-detector-precision g.bar title").first.text_content()
    assert "Daily Example" in page.locator("svg#chart-flags-by-outlet").text_content()
    page.screenshot(path=str(artifacts_dir / "dashboard.png"), full_page=True)
    assert (artifacts_dir / "dashboard.png").stat().st_size > 10_000
    assert page.js_errors == []
