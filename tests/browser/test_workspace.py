"""The article workspace in real Chromium: the flag list, its filters, the review keys and the state styles.

Reviews are made with the keyboard only (``page.keyboard``), and what they saved is read back from
the database: the page goes through the REST API, so a decision that was not persisted fails here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from annotations.models import Annotation
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.browser.conftest import ROOT
from tests.browser.test_annotator import SELECT_JS
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# An astral emoji and a flag after it: the page counts code points, JavaScript counts UTF-16 units.
SENTENCES = [f"Claim number {n} says crime rose {10 + n}% last year \U0001f389 in the city." for n in range(12)]
BODY = " ".join(SENTENCES)


def workspace_url(live_server: Any, article: Any) -> str:
    return live_server.url + reverse("admin:annotations_article_change", args=[article.pk])


def open_workspace(page: Any, live_server: Any, article: Any) -> None:
    page.goto(workspace_url(live_server, article))
    page.wait_for_selector("#workspace-side[data-workspace-ready]")


def flag(article: Any, quote: str, occurrence: int = 0, **fields: Any) -> Annotation:
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(quote, start + 1)
    values = {"kind": "unverified_claim", "reason": "unsourced", "origin": "machine", "detector": "unsourced@3"}
    return AnnotationFactory(article=article, start=start, end=start + len(quote), **{**values, **fields})


@pytest.fixture
def reviewer(transactional_db: Any) -> Any:
    return UserFactory(username="reviewer", is_staff=True, is_superuser=True, roles=["reviewer"])


def test_reviewer_walks_ten_flags_with_the_keyboard_only(page, live_server, login, reviewer):
    article = ArticleFactory(title="Twelve claims", body=BODY)
    flags = [flag(article, sentence) for sentence in SENTENCES]
    login(page, reviewer)
    open_workspace(page, live_server, article)
    page.locator("body").focus()

    decisions = []
    page.keyboard.press("j")  # the first flag; every decision then moves on to the next by itself
    for n in range(10):
        current = page.locator(f"#ws-list li.ws-current[data-id='{flags[n].pk}']")
        current.wait_for()
        # The list and the text agree on the current flag: its passage is outlined, code point for code point
        # (each sentence has an astral emoji, two UTF-16 units, before the next flag).
        outlined = page.evaluate(
            "Array.from(document.querySelectorAll('.seg-current')).map((s) => s.textContent).join('')"
        )
        assert outlined == SENTENCES[n]
        key, state = ("c", "confirmed") if n % 2 == 0 else ("d", "dismissed")
        page.keyboard.press(key)
        page.wait_for_selector(f"#ws-list li[data-id='{flags[n].pk}'][data-status='{state}']")
        decisions.append(state)
    page.wait_for_selector(f"#ws-list li.ws-current[data-id='{flags[10].pk}']")
    # k goes back: the last decided flag, confirmed or dismissed as decided.
    page.keyboard.press("k")
    page.wait_for_selector(f"#ws-list li.ws-current[data-id='{flags[9].pk}'][data-status='dismissed']")

    saved = [Annotation.objects.get(pk=f.pk) for f in flags]
    assert [a.status for a in saved[:10]] == decisions
    assert all(a.reviewer_id == reviewer.pk and a.version == 2 for a in saved[:10])
    assert [a.status for a in saved[10:]] == ["open", "open"]
    assert page.js_errors == []


def test_review_keys_resolve_reopen_help_and_details(page, live_server, login, reviewer):
    article = ArticleFactory(title="Keys", body=BODY)
    first = flag(article, SENTENCES[0])
    login(page, reviewer)
    open_workspace(page, live_server, article)
    page.locator("body").focus()
    page.keyboard.press("?")
    help_box = page.locator("#ws-help")
    help_box.wait_for()
    for key in ("j", "k", "c", "d", "r", "a", "o"):
        assert help_box.locator(f"kbd:text-is('{key}')").count() == 1
    page.keyboard.press("Escape")
    help_box.wait_for(state="hidden")

    page.keyboard.press("j")
    page.keyboard.press("r")  # an open flag is confirmed, then resolved: two logged decisions
    page.wait_for_selector(f"#ws-list li[data-id='{first.pk}'][data-status='resolved']")
    first.refresh_from_db()
    assert first.status == "resolved" and first.review_logs.count() == 2
    page.keyboard.press("u")
    page.wait_for_selector(f"#ws-list li[data-id='{first.pk}'][data-status='open']")
    page.keyboard.press("o")
    page.wait_for_selector(f"#annotator-details [data-annotation='{first.pk}']")
    page.keyboard.press("Escape")
    page.wait_for_selector("#annotator-details", state="detached")
    first.refresh_from_db()
    assert first.status == "open"


def test_legend_filters_by_kind_and_counts_what_is_visible(page, live_server, login, reviewer):
    article = ArticleFactory(title="Legend", body=BODY)
    claims = [flag(article, SENTENCES[n]) for n in range(3)]
    typo = flag(article, "crime", occurrence=4, kind="typo", reason="", suggestion="crimes", detector="typo@2")
    flag(article, "crime", occurrence=5, kind="typo", reason="", suggestion="crimes", anchor_state="orphaned")
    login(page, reviewer)
    open_workspace(page, live_server, article)

    def count(kind: str) -> str:
        return page.locator(f".legend-toggle[data-kind='{kind}'] .annotated-count").inner_text()

    # The orphaned typo has no place in the text: it is not counted (it is listed last, marked).
    assert count("typo") == "1" and count("unverified_claim") == "3"
    assert page.locator("#ws-list li.ws-item").count() == 5
    page.click(".legend-toggle[data-kind='typo']")
    page.wait_for_selector(".legend-toggle[data-kind='typo'][aria-pressed='true']")
    assert page.locator("#ws-list li.ws-item").count() == 2
    assert {page.locator("#ws-list li.ws-item").nth(i).get_attribute("data-kind") for i in range(2)} == {"typo"}
    assert page.locator("[data-annotator-body] .hl-unverified_claim").count() == 0
    assert page.locator(f"[data-annotator-body] .seg[data-ids='{typo.pk}'] .hl-typo").count() == 1
    assert count("unverified_claim") == "0" and count("typo") == "1"
    # Human labels, not internal names.
    item = page.locator(f"#ws-list li[data-id='{typo.pk}']")
    assert "Typo" in item.inner_text() and "Suggestion: crimes" in item.inner_text()
    # Clicking it again shows every kind.
    page.click(".legend-toggle[data-kind='typo']")
    page.wait_for_selector(".legend-toggle[data-kind='typo'][aria-pressed='false']")
    assert page.locator("#ws-list li.ws-item").count() == 5
    claim = page.locator(f"#ws-list li[data-id='{claims[0].pk}']").inner_text()
    assert "Unverified claim" in claim and "No source is named for this claim." in claim
    assert "unverified_claim" not in claim and "Unsourced: " in claim

    # State and origin filters, and the dismissed toggle (key h).
    page.select_option("#ws-filter-origin", "editor")
    assert page.locator("#ws-list li.ws-item").count() == 0
    page.select_option("#ws-filter-origin", "")
    Annotation.objects.filter(pk=claims[1].pk).update(status="dismissed")
    page.reload()
    page.wait_for_selector("#workspace-side[data-workspace-ready]")
    page.locator("body").focus()
    page.keyboard.press("h")
    page.wait_for_selector("#ws-hide-dismissed:checked")
    assert page.locator(f"#ws-list li[data-id='{claims[1].pk}']").count() == 0
    assert count("unverified_claim") == "2"
    page.select_option("#ws-filter-status", "dismissed")
    assert page.locator("#ws-list li.ws-item").count() == 1


def test_review_states_look_different_in_the_text(page, live_server, login, reviewer):
    article = ArticleFactory(title="States", body=BODY)
    open_flag = flag(article, SENTENCES[0])
    confirmed = flag(article, SENTENCES[1], status="confirmed")
    dismissed = flag(article, SENTENCES[2], status="dismissed")
    resolved = flag(article, SENTENCES[3], status="resolved")
    human = flag(article, SENTENCES[4], origin="editor", detector="")
    login(page, reviewer)
    open_workspace(page, live_server, article)

    def style(annotation: Annotation) -> dict[str, str]:
        return page.evaluate(
            """(id) => {
              const hl = document.querySelector(`[data-annotator-body] .seg[data-ids="${id}"] .hl`);
              const s = getComputedStyle(hl);
              return {cls: hl.className, background: s.backgroundColor, opacity: s.opacity,
                      border: s.borderBottomStyle + ' ' + s.borderBottomWidth, decoration: s.textDecorationLine,
                      outline: s.outlineStyle};
            }""",
            annotation.pk,
        )

    looks = {name: style(a) for name, a in (("open", open_flag), ("confirmed", confirmed), ("dismissed", dismissed),
                                            ("resolved", resolved), ("human", human))}  # fmt: skip
    assert "hl-state-open" in looks["open"]["cls"] and "hl-state-confirmed" in looks["confirmed"]["cls"]
    assert looks["confirmed"]["background"] != looks["open"]["background"]
    assert looks["confirmed"]["border"] != looks["open"]["border"]
    assert float(looks["dismissed"]["opacity"]) < 1 and looks["dismissed"]["decoration"] == "line-through"
    assert float(looks["open"]["opacity"]) == 1 and looks["open"]["decoration"] == "none"
    assert looks["resolved"]["background"] == "rgba(0, 0, 0, 0)" != looks["open"]["background"]
    assert "hl-human" in looks["human"]["cls"] and looks["human"]["outline"] == "dashed"
    assert looks["open"]["outline"] == "none"
    # The list says the state in words too.
    assert page.locator(f"#ws-list li[data-id='{confirmed.pk}'] .ws-badge").inner_text() == "Confirmed"
    assert page.locator(f"#ws-list li[data-id='{human.pk}'] .ws-origin").inner_text() == "Human"


def test_page_fits_1366_and_the_panel_opens_on_the_likely_kind_with_save_visible(browser, live_server, login, reviewer):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    page = context.new_page()
    try:
        body = (
            "\u0627\u0644\u0645\u062f\u064a\u0646\u0629 \u062c\u0645\u064a\u0644\u0629. " + BODY + " " + "word " * 3000
        )
        article = ArticleFactory(title="Wide", body=body)
        for n in range(60):  # more than one page of the list
            flag(article, "crime", occurrence=n % 12, kind="typo", reason="", suggestion=f"c{n}", detector=f"t@{n}")
        login(page, reviewer)
        open_workspace(page, live_server, article)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        assert page.locator("#ws-list li.ws-item").count() == 50
        assert "1–50 of 60" in page.locator("#ws-pager").inner_text()
        text = page.locator("[data-annotator-body]")
        assert text.get_attribute("dir") == "auto"
        # The Arabic paragraph reads right to left (plaintext bidi takes each paragraph's own direction).
        assert page.evaluate("getComputedStyle(document.querySelector('[data-annotator-body]')).unicodeBidi") == (
            "plaintext"
        )
        # j past the first page turns the page.
        page.locator("body").focus()
        for _ in range(51):
            page.keyboard.press("j")
        page.wait_for_selector("#ws-pager:has-text('51–60 of 60')")

        def panel_for(quote: str, occurrence: int = 0) -> str:
            page.keyboard.press("Escape")
            page.evaluate(SELECT_JS, [quote, occurrence])
            page.wait_for_selector("#annotator-create")
            save = page.locator("#ann-save").bounding_box()
            assert save is not None and 0 <= save["y"] and save["y"] + save["height"] <= 768, save
            return page.input_value("#ann-kind")

        assert panel_for("says") == "typo"
        assert panel_for(SENTENCES[11]) == "unverified_claim"
        # Near the bottom of the screen, the panel still keeps Save in view.
        page.evaluate("window.scrollTo(0, 0)")
        assert panel_for("word word word word", 2000) == "unverified_claim"
    finally:
        context.close()


def test_apply_suggestion_key_fixes_the_text_and_keeps_every_other_flag_in_place(page, live_server, login, reviewer):
    """The "a" key posts apply/ with the article's ETag: the text changes, the typo is resolved, and a
    flag after it (an emoji before it, so offsets are code points) keeps its words."""
    article = ArticleFactory(title="Typos", body="The mayor said teh plan works \U0001f389 teh end.")
    typo = flag(article, "teh", occurrence=1, kind="typo", reason="", suggestion="the", detector="typo@2")
    after = flag(article, "end", kind="note", reason="", origin="editor", detector="")
    login(page, reviewer)
    open_workspace(page, live_server, article)
    page.locator("body").focus()
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.wait_for_selector("#ws-message:has-text('Applied')")
    article.refresh_from_db()
    assert article.body == "The mayor said teh plan works \U0001f389 the end."
    typo.refresh_from_db()
    after.refresh_from_db()
    assert typo.status == "resolved"
    assert article.body[after.start : after.end] == after.quote == "end" and after.anchor_state != "orphaned"


def test_shift_a_applies_every_visible_suggestion_in_one_call_after_a_confirmation(page, live_server, login, reviewer):
    """Shift+A asks first, then sends the visible open/confirmed typos with a suggestion in ONE bulk call:
    both fixed in one revision, both resolved, each reported; a note covering one typo follows the fix
    instead of being orphaned, and a dismissed typo is left alone."""
    # "teh" only once: the analysis after the edit would flag a second one (a jumbled "the").
    article = ArticleFactory(title="Typos", body="The mayor said teh plan works \U0001f389 adn the end, wiht luck.")
    first = flag(article, "teh", kind="typo", reason="", suggestion="the", detector="typo@2")
    second = flag(article, "adn", kind="typo", reason="", suggestion="and", detector="typo@2", status="confirmed")
    dismissed = flag(article, "wiht", kind="typo", reason="", suggestion="with", detector="typo@2", status="dismissed")
    note = flag(article, "said teh plan", kind="note", reason="", origin="editor", detector="")
    revision = article.revision
    login(page, reviewer)
    open_workspace(page, live_server, article)
    page.wait_for_selector("#ws-apply-all:has-text('Apply all 2 visible suggestions')")
    page.locator("body").focus()
    page.keyboard.press("?")
    assert page.locator("#ws-help kbd:text-is('A')").count() == 1
    page.keyboard.press("Escape")

    requests: list[Any] = []
    page.on("request", lambda r: requests.append(r) if "/apply/" in r.url else None)
    page.keyboard.press("Shift+A")
    page.wait_for_selector("#ws-apply-confirm:has-text('Apply 2 suggestions')")
    article.refresh_from_db()
    assert article.revision == revision  # nothing is applied before the confirmation
    page.keyboard.press("Enter")  # the focused "Apply 2 suggestions" button
    page.wait_for_selector("#ws-message:has-text('Applied 2 of 2 suggestions')")

    assert len(requests) == 1 and requests[0].method == "POST"
    assert sorted(json.loads(requests[0].post_data)["annotations"]) == sorted([first.pk, second.pk])
    assert requests[0].headers.get("if-match")
    for typo in (first, second):
        page.wait_for_selector(f"#ws-apply-report li[data-id='{typo.pk}'][data-status='applied']")
    article.refresh_from_db()
    assert article.body == "The mayor said the plan works \U0001f389 and the end, wiht luck."
    assert article.revision == revision + 1  # one edit for both
    for typo in (first, second, dismissed, note):
        typo.refresh_from_db()
    assert (first.status, second.status, dismissed.status) == ("resolved", "resolved", "dismissed")
    assert note.anchor_state != "orphaned" and article.body[note.start : note.end] == note.quote == "said the plan"
    # The page shows the new text and no applicable suggestion is left.
    assert "said the plan works" in page.locator("[data-annotator-body]").inner_text()
    assert page.locator("#ws-apply-all").is_hidden()
    assert page.js_errors == []


def test_bulk_apply_confirmation_cancels_with_escape(page, live_server, login, reviewer):
    article = ArticleFactory(title="Typos", body="The mayor said teh plan works.")
    typo = flag(article, "teh", kind="typo", reason="", suggestion="the", detector="typo@2")
    login(page, reviewer)
    open_workspace(page, live_server, article)
    page.locator("#ws-apply-all").click()
    page.wait_for_selector("#ws-apply-confirm:has-text('Apply 1 suggestion')")
    page.keyboard.press("Escape")
    page.wait_for_selector("#ws-apply-confirm", state="hidden")
    page.wait_for_selector("#ws-message:has-text('Nothing applied')")
    typo.refresh_from_db()
    article.refresh_from_db()
    assert typo.status == "open" and article.body == "The mayor said teh plan works."


def test_screenshot_of_the_workspace(browser, live_server, login, reviewer, artifacts_dir: Path):
    body = (
        "The council approved the budget on Tuesday. Crime rose 40% last year, officials say.\n\n"
        "\u201cWe will not raise taxes,\u201d the mayor said, although teh draft shows a 4.99% rise.\n\n"
        "The minister claimed the bridge was finished in 2019; the transport agency says it opened in 2021. "
        "Unemployment may have fallen by a third, reportedly. Studies show the harbour is the busiest in Europe.\n\n"
        "Residents said the new tram line is popular. The report was published on Monday by the city."
    )
    article = ArticleFactory(title="Council budget", body=body)
    mayor = SourceFactory(name="The mayor", kind="person", rating=62)
    factcheck = FactCheckFactory(claim_reviewed="The bridge was finished in 2019.", verdict="false")
    flag(article, "Crime rose 40% last year, officials say.", reason="vague_source")
    flag(article, "the mayor said", kind="source_attribution", reason="", source=mayor, detector="attribution@4")
    flag(article, "teh", kind="typo", reason="", suggestion="the", detector="typo@2", status="confirmed")
    flag(
        article,
        "the bridge was finished in 2019",
        kind="contradicted_claim",
        reason="",
        evidence_factcheck=factcheck,
        detector="contradiction@5",
    )
    flag(article, "Unemployment may have fallen by a third, reportedly.", reason="hedged", status="dismissed")
    flag(article, "Studies show the harbour is the busiest in Europe.", status="resolved")
    flag(
        article, "The minister claimed", kind="note", reason="", origin="editor", detector="", comment="Ask the agency"
    )
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    page = context.new_page()
    try:
        login(page, reviewer)
        open_workspace(page, live_server, article)
        page.locator("body").focus()
        page.keyboard.press("j")
        page.keyboard.press("j")
        box = page.evaluate(
            "(() => { const r = document.querySelector('#workspace').getBoundingClientRect();"
            " return {x: r.left + scrollX - 4, y: r.top + scrollY - 4, width: r.width + 8, height: r.height + 8}; })()"
        )
        target = artifacts_dir / "workspace.png"
        page.screenshot(path=str(target), clip=box, full_page=True)
        assert target.stat().st_size > 10_000
        if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
            shutil.copyfile(target, ROOT / "docs" / "workspace.png")
    finally:
        context.close()


def test_long_article_page_lists_one_page_of_flags_and_prints_its_figures(page, live_server, login, reviewer):
    """150,000 characters and 1,000 flags: every highlight is drawn, the list holds one page of 50.

    Prints the time until the workspace is ready and the DOM size (figures, not a pass/fail target;
    the bench's ``workspace`` stage measures the server side)."""
    import random
    import time

    from credibility.quality.benchmarks.service import _bench_prose

    body = _bench_prose(150_000, seed=21)
    article = ArticleFactory(title="A long article", body=body)
    rng = random.Random(21)
    spans: set[tuple[int, int]] = set()
    while len(spans) < 1000:
        start = body.index(" ", rng.randrange(0, len(body) - 200)) + 1
        spans.add((start, body.index(" ", start + rng.randint(3, 40))))
    kinds = ["typo", "unverified_claim", "source_attribution", "note"]
    Annotation.objects.bulk_create(
        AnnotationFactory.build(article=article, kind=kinds[n % 4], start=start, end=end, origin="machine")
        for n, (start, end) in enumerate(sorted(spans))
    )
    login(page, reviewer)
    began = time.perf_counter()
    open_workspace(page, live_server, article)
    ready = time.perf_counter() - began
    nodes = page.evaluate("document.getElementsByTagName('*').length")
    timing = page.evaluate(
        """() => {
          const n = performance.getEntriesByType('navigation')[0];
          const api = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/v1/articles/'));
          return {response: n.responseEnd, dom: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                  api: api ? [api.startTime, api.responseEnd] : null, now: performance.now()};
        }"""
    )
    assert page.locator("#ws-list li.ws-item").count() == 50
    assert "1–50 of 1000" in page.locator("#ws-pager").inner_text()
    drawn = page.evaluate(
        "new Set(Array.from(document.querySelectorAll('[data-annotator-body] .seg[data-ids]'))"
        ".flatMap((s) => s.dataset.ids.split(' '))).size"
    )
    assert drawn == 1000
    assert page.evaluate("document.querySelector('[data-annotator-body]').textContent") == body
    print(
        f"\n150k-character article, 1000 flags: workspace ready {ready:.2f} s after navigation "
        f"(page received {timing['response']:.0f} ms, DOMContentLoaded {timing['dom']:.0f} ms, article read by the "
        f"script {timing['api'][0]:.0f}-{timing['api'][1]:.0f} ms, drawn {timing['now']:.0f} ms), {nodes} elements"
    )


def test_duplicate_409_in_the_panel_offers_the_existing_annotation(page, live_server, login, reviewer):
    """The duplicate answer (409 naming the existing annotation; another change of issue 21) is answered
    here by the browser, so the page's side of the contract is tested whether or not the server has it."""
    article = ArticleFactory(title="Duplicates", body=BODY)
    existing = flag(article, SENTENCES[3])
    flag(article, SENTENCES[5], kind="typo", reason="", suggestion="x")
    login(page, reviewer)
    open_workspace(page, live_server, article)
    page.select_option("#ws-filter-kind", "typo")  # the existing one is filtered out of the list

    def conflict(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        body = json.dumps({"detail": "This annotation already exists.", "existing_id": existing.pk})
        route.fulfill(status=409, content_type="application/json", body=body)

    page.route("**/api/v1/annotations/", conflict)
    page.evaluate(SELECT_JS, [SENTENCES[3], 0])
    page.wait_for_selector("#annotator-create")
    page.click("#ann-save")
    page.wait_for_selector("#annotator-create-error:has-text('already exists')")
    page.click("#ann-open-existing")
    page.wait_for_selector("#annotator-create", state="detached")
    page.wait_for_selector(f"#ws-list li.ws-current[data-id='{existing.pk}']")
    assert page.input_value("#ws-filter-kind") == ""
    assert Annotation.objects.filter(article=article).count() == 2
