"""Select-to-annotate on the article admin page, in real Chromium.

Passages are selected with a DOM Range found by the test in the page's own text nodes (UTF-16
offsets, as the DOM counts), so the page's conversion to code points is what is under test; the
saved offsets are then checked through the API against Python's ``str.index`` (code points).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from annotations.models import Annotation
from annotations.services.annotations import annotation_update
from tests.annotations.factories import AnnotationFactory, ArticleFactory, UserFactory
from tests.browser.conftest import ROOT
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Curly quotes, an em dash, a combining accent, emoji (one astral, a ZWJ family of five code points).
BODY = (
    "The mayor said \u201ccrime fell 40%\u201d last year.\n\n"
    "Party time \U0001f389\U0001f389 at the caf\u00e9\u2019s opening \u2014 e\u0301norme! "
    "The minister said teh plan works \U0001f469\u200d\U0001f469\u200d\U0001f467 for everyone.\n\n"
    "Studies show the moon is made of cheese."
)

SELECT_JS = """
([quote, occurrence]) => {
  const root = document.querySelector('[data-annotator-body]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error('quote not found: ' + quote);
  const locate = (offset, preferNext) => {
    for (let i = 0; i < nodes.length; i++) {
      const [node, base] = nodes[i];
      const end = base + node.data.length;
      if (offset < end || (offset === end && !preferNext)) return [node, offset - base];
    }
    const [last, base] = nodes[nodes.length - 1];
    return [last, offset - base];
  };
  const [sn, so] = locate(at, true);
  const [en, eo] = locate(at + quote.length, false);
  const range = document.createRange();
  range.setStart(sn, so);
  range.setEnd(en, eo);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}
"""


def select(page: Any, quote: str, occurrence: int = 0) -> None:
    page.evaluate(SELECT_JS, [quote, occurrence])
    page.wait_for_selector("#annotator-create")


def save(page: Any) -> None:
    """Save the annotation being created and wait until its panel has closed."""
    page.click("#ann-save")
    page.wait_for_selector("#annotator-create", state="detached")


def article_url(live_server: Any, article: Any) -> str:
    return live_server.url + reverse("admin:annotations_article_change", args=[article.pk])


def open_article(page: Any, live_server: Any, article: Any) -> None:
    page.goto(article_url(live_server, article))
    page.wait_for_selector("[data-annotator-body][data-annotator-ready]")


def api_annotations(user: Any, article: Any) -> list[dict[str, Any]]:
    client = APIClient()
    client.force_authenticate(user=user)
    response = client.get("/api/v1/annotations/", {"article": article.pk, "page_size": 100})
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def staff_user(transactional_db: Any) -> Any:
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def test_select_and_create_each_kind_with_exact_code_point_offsets(page, live_server, login, staff_user):
    article = ArticleFactory(title="Party and promises", body=BODY)
    SourceFactory(name="The Mayor of Springfield", kind="person")
    factcheck = FactCheckFactory(claim_reviewed="The moon is made of cheese.", verdict="false")
    login(page, staff_user)
    open_article(page, live_server, article)

    # Typo, in the paragraph with emoji: after two astral emoji, a precomposed é and a combining accent.
    select(page, "teh")
    page.select_option("#ann-kind", "typo")
    page.fill("#ann-suggestion", "the")
    page.fill("#ann-comment", "spelling")
    save(page)
    page.wait_for_selector(".seg[data-kinds='typo']")

    # Unverified claim with a reason (chosen from the toolbar button instead of mouseup).
    select(page, "Studies show the moon is made of cheese.")
    page.select_option("#ann-kind", "unverified_claim")
    page.select_option("#ann-reason", "vague_source")
    save(page)

    # Contradicted claim overlapping the unverified one, with fact-check evidence from the search.
    select(page, "the moon is made of cheese")
    page.select_option("#ann-kind", "contradicted_claim")
    page.fill("#ann-evidence-search", "moon")
    page.click(f"#ann-evidence-results button[data-id='{factcheck.pk}']")
    page.wait_for_selector("#ann-evidence-chosen:has-text('Chosen')")
    save(page)

    # Source attribution to an existing source, across the curly quotes.
    select(page, "The mayor said")
    page.select_option("#ann-kind", "source_attribution")
    page.fill("#ann-source-search", "Springfield")
    page.click("#ann-source-results button.annotator-result[data-id]")
    save(page)

    # Source attribution to a new source, created from the panel (staff may).
    select(page, "The minister said")
    page.select_option("#ann-kind", "source_attribution")
    page.fill("#ann-source-search", "The Minister")
    page.click("#ann-source-results button.annotator-create-source")
    # Its kind is asked, never assumed: without one nothing is created.
    page.wait_for_selector("#ann-source-chosen:has-text('Choose the kind of the new source first.')")
    page.select_option("#ann-source-new-kind", "person")
    page.click("#ann-source-results button.annotator-create-source")
    page.wait_for_selector("#ann-source-chosen:has-text('Chosen: The Minister')")
    save(page)

    # A note over emoji, the combining accent and the ZWJ family.
    note_quote = "\U0001f389\U0001f389 at the caf\u00e9\u2019s opening \u2014 e\u0301norme!"
    select(page, note_quote)
    page.select_option("#ann-kind", "note")
    page.fill("#ann-comment", "check the date")
    save(page)
    family = "works \U0001f469\u200d\U0001f469\u200d\U0001f467 for"
    select(page, family)
    page.select_option("#ann-kind", "note")
    save(page)

    assert page.locator("[data-annotator-body]").get_attribute("data-count") == "7"
    rows = api_annotations(staff_user, article)
    got = {(row["kind"], row["quote"]): row for row in rows}
    expected = [
        ("typo", "teh"),
        ("unverified_claim", "Studies show the moon is made of cheese."),
        ("contradicted_claim", "the moon is made of cheese"),
        ("source_attribution", "The mayor said"),
        ("source_attribution", "The minister said"),
        ("note", note_quote),
        ("note", family),
    ]
    assert sorted(got) == sorted(expected)
    for kind, quote in expected:
        row = got[(kind, quote)]
        start = BODY.index(quote)
        assert (row["start"], row["end"]) == (start, start + len(quote)), (kind, quote)
        assert BODY[row["start"] : row["end"]] == quote
        assert row["origin"] == "editor" and row["created_by"] == staff_user.pk
    assert got[("typo", "teh")]["suggestion"] == "the"
    assert got[("source_attribution", "The minister said")]["source"]["kind"] == "person"
    assert got[("unverified_claim", "Studies show the moon is made of cheese.")]["reason"] == "vague_source"
    assert got[("contradicted_claim", "the moon is made of cheese")]["evidence"]["identifier"] == factcheck.identifier
    assert got[("source_attribution", "The mayor said")]["source"]["name"] == "The Mayor of Springfield"
    assert got[("source_attribution", "The minister said")]["source"]["name"] == "The Minister"

    # Overlaps stay visible: the contradicted span sits inside the unverified one (nested spans).
    nested = page.locator(
        ".seg[data-kinds='unverified_claim contradicted_claim'] .hl-unverified_claim .hl-contradicted_claim"
    )
    assert nested.count() == 1
    assert nested.inner_text() == "the moon is made of cheese"
    # The rendered body is the stored body, code point for code point, and the legend counts.
    assert page.evaluate("document.querySelector('[data-annotator-body]').textContent") == BODY
    assert page.locator(".annotated-legend li:has(.hl-source_attribution) .annotated-count").inner_text() == "2"
    assert page.js_errors == [] and page.dialogs == []


def test_keyboard_details_history_and_review(page, live_server, login, staff_user):
    article = ArticleFactory(title="Keyboard", body=BODY)
    start = BODY.index("Studies show")
    flag = AnnotationFactory(
        article=article,
        kind="unverified_claim",
        start=start,
        end=start + 12,
        reason="unsourced",
        origin="machine",
        detector="unsourced@3",
        explanation="A claim with no attribution.",
    )
    login(page, staff_user)
    open_article(page, live_server, article)
    highlight = page.locator(f".seg[data-ids='{flag.pk}']")
    highlight.focus()
    assert highlight.get_attribute("tabindex") == "0"
    page.keyboard.press("Enter")
    panel = page.locator("#annotator-details")
    panel.wait_for()
    assert "A claim with no attribution." in panel.inner_text()
    # Escape closes and gives focus back to the highlight.
    page.keyboard.press("Escape")
    panel.wait_for(state="detached")
    assert page.evaluate("document.activeElement.dataset.ids") == str(flag.pk)

    page.keyboard.press("Enter")
    panel.wait_for()
    page.fill(f"#ann-review-note-{flag.pk}", "checked with the police")
    page.click(f"#annotator-details [data-annotation='{flag.pk}'] button[data-decision='confirm']")
    page.wait_for_selector(f"#annotator-details [data-annotation='{flag.pk}'] button[data-decision='resolve']")
    flag.refresh_from_db()
    assert flag.status == "confirmed" and flag.review_note == "checked with the police"
    page.click(f"#annotator-details [data-annotation='{flag.pk}'] button[data-action='history']")
    history = page.locator(f"#annotator-details [data-annotation='{flag.pk}'] .annotator-reviews")
    history.wait_for()
    assert "confirm (open → confirmed)" in history.inner_text()
    assert "checked with the police" in history.inner_text()


def test_stale_edit_shows_the_conflict_message(page, live_server, login, staff_user):
    article = ArticleFactory(title="Conflict", body=BODY)
    start = BODY.index("teh")
    typo = AnnotationFactory(
        article=article, kind="typo", start=start, end=start + 3, suggestion="the", created_by=staff_user
    )
    other = UserFactory(is_staff=True, is_superuser=True)
    login(page, staff_user)
    open_article(page, live_server, article)
    page.click(f".seg[data-ids='{typo.pk}']")
    page.click(f"#annotator-details [data-annotation='{typo.pk}'] button[data-action='edit']")
    page.fill(f"#ann-edit-comment-{typo.pk}", "my edit")
    # Meanwhile someone else saves the annotation.
    annotation_update(annotation=typo, changed_by=other, expected_version=1, comment="their edit")
    page.click(f"#ann-edit-save-{typo.pk}")
    error = page.locator(f"#ann-edit-error-{typo.pk}")
    error.wait_for()
    page.wait_for_function(f"document.querySelector('#ann-edit-error-{typo.pk}').textContent.length > 0")
    assert "This annotation was changed by someone else; reload" in error.inner_text()
    typo.refresh_from_db()
    assert typo.comment == "their edit" and typo.version == 2
    # Reload, then the edit goes through against the new version.
    error.locator("button", has_text="Reload").click()
    page.wait_for_selector(f"#annotator-details [data-annotation='{typo.pk}'] dd:has-text('their edit')")
    page.click(f"#annotator-details [data-annotation='{typo.pk}'] button[data-action='edit']")
    assert page.input_value(f"#ann-edit-comment-{typo.pk}") == "their edit"
    page.fill(f"#ann-edit-comment-{typo.pk}", "my edit")
    page.click(f"#ann-edit-save-{typo.pk}")
    page.wait_for_selector(f"#annotator-details [data-annotation='{typo.pk}'] dd:has-text('my edit')")
    typo.refresh_from_db()
    assert typo.comment == "my edit" and typo.version == 3


def test_duplicate_shows_the_409_and_opens_the_existing_annotation(page, live_server, login, staff_user):
    """Issue 21: the panel shows the refusal and a way to the annotation that already marks the span."""
    article = ArticleFactory(title="Duplicate", body=BODY)
    login(page, staff_user)
    open_article(page, live_server, article)
    # After the page loaded, the machine flags the same word: the panel has not seen it yet.
    start = BODY.index("teh")
    existing = AnnotationFactory(
        article=article, kind="typo", start=start, end=start + 3, suggestion="the", origin="machine", detector="typo@1"
    )
    select(page, "teh")
    page.select_option("#ann-kind", "typo")
    page.fill("#ann-suggestion", "the")
    page.click("#ann-save")
    error = page.locator("#annotator-create-error")
    page.wait_for_selector("#ann-open-existing")
    assert f"Annotation {existing.pk} already marks" in error.inner_text()
    assert page.get_attribute("#ann-open-existing", "data-annotation") == str(existing.pk)
    page.click("#ann-open-existing")
    page.wait_for_selector(f"#annotator-details [data-annotation='{existing.pk}']")
    assert Annotation.objects.filter(article=article).count() == 1
    assert page.js_errors == []


def test_article_body_with_markup_stays_inert(page, live_server, login, staff_user):
    body = (
        "Before <script>window.__pwned=1;alert('xss')</script> middle "
        "<img src=x onerror=\"window.__pwned=2;alert('img')\"> after "
        '<svg onload="window.__pwned=3"></svg> end.'
    )
    article = ArticleFactory(title="<script>window.__pwned=4</script>", body=body)
    start = body.index("<img")
    AnnotationFactory(
        article=article,
        kind="unverified_claim",
        start=start,
        end=body.index("after"),
        origin="machine",
        detector="unsourced@3",
        explanation='<img src=x onerror="window.__pwned=5">',
    )
    login(page, staff_user)
    open_article(page, live_server, article)
    page.click(".seg[data-ids]")
    page.wait_for_selector("#annotator-details")
    # Annotate a passage made of markup, too: it is saved and shown as text.
    select(page, "<script>window.__pwned=1;alert('xss')</script>")
    page.select_option("#ann-kind", "note")
    page.fill("#ann-comment", '<img src=x onerror="window.__pwned=6">')
    save(page)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert (
        page.locator("[data-annotator-body] script, [data-annotator-body] img, [data-annotator-body] svg").count() == 0
    )
    assert page.evaluate("document.querySelector('[data-annotator-body]').textContent") == body
    # The report page shows the same text inert.
    page.goto(live_server.url + reverse("admin:credibility_flagged_claim_report"))
    page.wait_for_selector("#result_list")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []


def test_screenshot_of_the_article_page(page, live_server, login, staff_user, artifacts_dir: Path):
    body = (
        "The council approved the budget on Tuesday. Crime rose 40% last year, experts say.\n\n"
        "\u201cWe will not raise taxes,\u201d the mayor said, although teh draft shows a 4.99% rise.\n\n"
        "The minister claimed the bridge was finished in 2019; the transport agency says it opened in 2021."
    )
    article = ArticleFactory(title="Council budget", body=body)
    mayor = SourceFactory(name="The mayor", kind="person", rating=62)
    factcheck = FactCheckFactory(claim_reviewed="The bridge was finished in 2019.", verdict="false")

    def span(quote: str) -> dict[str, int]:
        start = body.index(quote)
        return {"start": start, "end": start + len(quote)}

    AnnotationFactory(
        article=article,
        kind="unverified_claim",
        reason="vague_source",
        origin="machine",
        detector="unsourced@3",
        **span("Crime rose 40% last year, experts say."),
    )
    AnnotationFactory(
        article=article,
        kind="source_attribution",
        source=mayor,
        origin="machine",
        detector="attribution@4",
        **span("the mayor said"),
    )
    AnnotationFactory(
        article=article, kind="typo", suggestion="the", origin="machine", detector="typo@2", **span("teh")
    )
    AnnotationFactory(
        article=article,
        kind="contradicted_claim",
        evidence_factcheck=factcheck,
        origin="machine",
        detector="contradiction@5",
        **span("the bridge was finished in 2019"),
    )
    AnnotationFactory(
        article=article,
        kind="note",
        comment="ask the agency",
        created_by=staff_user,
        **span("The minister claimed the bridge"),
    )
    login(page, staff_user)
    open_article(page, live_server, article)
    select(page, "the transport agency says")
    page.select_option("#ann-kind", "source_attribution")
    page.fill("#ann-source-search", "agency")
    page.wait_for_selector("#ann-source-results li")
    page.fill("#ann-comment", "Which agency?")
    # The workspace and the open panel.
    box = page.evaluate(
        """() => {
          const a = document.querySelector('#workspace').getBoundingClientRect();
          const b = document.querySelector('#annotator-create').getBoundingClientRect();
          const x = Math.min(a.left, b.left), y = Math.min(a.top, b.top);
          return {x: x + scrollX, y: y + scrollY, width: Math.max(a.right, b.right) - x + 8, height: Math.max(a.bottom, b.bottom) - y + 8};
        }"""
    )
    target = artifacts_dir / "article-page.png"
    page.screenshot(path=str(target), clip=box, full_page=True)
    page.screenshot(path=str(artifacts_dir / "article-page-full.png"), full_page=True)
    assert target.stat().st_size > 10_000
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        docs = ROOT / "docs"
        docs.mkdir(exist_ok=True)
        shutil.copyfile(target, docs / "annotating.png")
