"""The flagged-claim report as a triage page, in real Chromium: human labels, five filters up front,
compact rows, the workspace's keys, and the bulk action chosen with the keyboard."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from annotations.models import Annotation, ReviewLog
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.browser.conftest import ROOT
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCES = [
    "Crime rose 40% last year, officials say.",
    "Unemployment may have fallen by a third, reportedly.",
    "The bridge was finished in 2019, the minister said.",
    "Studies show the harbour is the busiest in Europe.",
    "Tax receipts grew 12% in the first quarter, sources claim.",
    "The new tram line carries 80,000 passengers a day.",
]
BODY = " ".join(SENTENCES)


@pytest.fixture
def reviewer(transactional_db: Any) -> Any:
    return UserFactory(username="triage", is_staff=True, is_superuser=True, roles=["reviewer"])


@pytest.fixture
def flags(transactional_db: Any) -> list[Annotation]:
    outlet = SourceFactory(name="Daily Example", kind="outlet")
    SourceFactory(name="officials", kind="vague")  # never offered as an outlet
    article = ArticleFactory(title="City news", body=BODY, outlet=outlet)
    factcheck = FactCheckFactory(claim_reviewed="The bridge was finished in 2019.", verdict="false")
    made = []
    for n, sentence in enumerate(SENTENCES):
        start = BODY.index(sentence)
        fields: dict[str, Any] = {"kind": "unverified_claim", "reason": "unsourced", "detector": "unsourced@3"}
        if n == 0:
            fields |= {"reason": "vague_source", "rule": "vague-source:officials", "detector": "hedge@2"}
        if n == 1:
            fields |= {"reason": "hedged", "detector": "hedge@2"}
        if n == 2:
            fields = {"kind": "contradicted_claim", "evidence_factcheck": factcheck, "detector": "contradiction@5"}
        made.append(
            AnnotationFactory(
                article=article,
                start=start,
                end=start + len(sentence),
                origin="machine",
                checkworthiness=0.9 - n * 0.1,
                **fields,
            )
        )
    AnnotationFactory(article=article, kind="unverified_claim", reason="unsourced", start=0, end=5, status="dismissed")
    return made


def report_url(live_server: Any, query: str = "") -> str:
    return live_server.url + reverse("admin:credibility_flagged_claim_report") + query


def test_report_opens_on_open_flags_ranked_with_labels_and_five_filters(page, live_server, login, reviewer, flags):
    login(page, reviewer)
    page.goto(report_url(live_server))
    page.wait_for_selector("#fcr-review-form[data-keys-ready]")
    ids = page.eval_on_selector_all("tr.fcr-row", "(rows) => rows.map((r) => Number(r.dataset.id))")
    assert ids == [f.pk for f in flags]  # open only (the dismissed one is not listed), most worth checking first
    visible = page.eval_on_selector_all(
        "#fcr-filter-form > .fcr-filters .fcr-field", "(fields) => fields.map((f) => f.dataset.filter)"
    )
    assert visible == ["kind", "reason", "status", "outlet", "created"]
    assert page.locator("#fcr-more").get_attribute("open") is None
    assert not page.locator("#fcr-more [data-filter='article']").is_visible()
    outlets = page.eval_on_selector_all("select[name='outlet'] option", "(os) => os.map((o) => o.textContent)")
    assert outlets == ["All outlets", "Daily Example"]
    text = page.locator("#result_list").inner_text()
    assert "Unverified claim" in text and "Vague source" in text and "Contradicted claim" in text
    assert "unverified_claim" not in text and "vague_source" not in text
    first = page.locator(f"#flag-{flags[0].pk}")
    assert "Vague source: \u201cofficials\u201d" in first.locator("td.fcr-evidence").inner_text()
    heights = page.eval_on_selector_all("tr.fcr-row", "(rows) => rows.map((r) => r.getBoundingClientRect().height)")
    assert max(heights) <= 140, heights


def test_report_keys_bulk_action_and_screenshot(page, live_server, login, reviewer, flags, artifacts_dir: Path):
    login(page, reviewer)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(report_url(live_server))
    page.wait_for_selector("#fcr-review-form[data-keys-ready]")
    page.locator("body").focus()
    # c and d decide through the API and move on; the rows update in place.
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.wait_for_selector(f"#flag-{flags[0].pk}[data-status='confirmed']")
    page.wait_for_selector(f"#flag-{flags[1].pk}.fcr-current")
    page.keyboard.press("d")
    page.wait_for_selector(f"#flag-{flags[1].pk}[data-status='dismissed']")
    assert [Annotation.objects.get(pk=f.pk).status for f in flags[:2]] == ["confirmed", "dismissed"]
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        target = artifacts_dir / "report.png"
        page.screenshot(path=str(target))
        shutil.copyfile(target, ROOT / "docs" / "report.png")
    # x selects the next three for the bulk action; the bulk form dismisses them together.
    for _ in range(3):
        page.keyboard.press("x")
        page.keyboard.press("j")
    assert page.locator("input[name=ids]:checked").count() == 3
    page.select_option("select[name='bulk_decision']", "dismiss")
    page.fill("input[name='bulk_note']", "duplicates")
    page.click("button[name='bulk']")
    page.wait_for_selector("text=Dismiss: 3 of 3 selected flags.")
    assert [Annotation.objects.get(pk=f.pk).status for f in flags[2:5]] == ["dismissed"] * 3
    assert ReviewLog.objects.filter(note="duplicates").count() == 3
    # The page still opens on the open flags: only the last one is left.
    page.goto(report_url(live_server))
    assert page.eval_on_selector_all("tr.fcr-row", "(rows) => rows.map((r) => Number(r.dataset.id))") == [flags[5].pk]
    assert page.js_errors == []
